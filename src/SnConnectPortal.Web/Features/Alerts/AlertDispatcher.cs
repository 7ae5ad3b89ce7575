using System.Security.Claims;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>How sending a notice to one recipient went; <see cref="Error"/> is null when it was sent.</summary>
public sealed record AlertDelivery(AlertChannel Channel, string Address, string? Error)
{
    public bool Sent => Error is null;
}

/// <summary>Sends a notice to every recipient that gets its kind (a test to all of them), each on its own channel.</summary>
public sealed partial class AlertDispatcher(
    AlertRecipients recipients,
    AlertEmailSender email,
    AlertWebhookSender webhook,
    TimeProvider timeProvider,
    ILogger<AlertDispatcher> logger)
{
    public async Task<IReadOnlyList<AlertDelivery>> SendAsync(AlertNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var deliveries = new List<AlertDelivery>();
        foreach (var target in await recipients.TargetsAsync(cancellationToken))
        {
            if (notice.Kind is { } kind && !target.Kinds.Contains(kind))
            {
                continue;
            }

            string? error = null;
            try
            {
                if (target.Channel == AlertChannel.Email)
                {
                    await email.SendAsync(notice, target.Address, cancellationToken);
                }
                else
                {
                    await webhook.SendAsync(notice, target.WebhookUrl!, cancellationToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = Reason(e);
                LogNotSent(target.Channel, target.Address, error);
            }

            deliveries.Add(new AlertDelivery(target.Channel, target.Address, error));
        }

        return deliveries;
    }

    /// <summary>The Alerts page's test: a test notice to every recipient, Admins only.</summary>
    public async Task<ServiceResult<IReadOnlyList<AlertDelivery>>> SendTestAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin))
        {
            return ServiceResult<IReadOnlyList<AlertDelivery>>.Forbidden("Only an Admin can send a test alert.");
        }

        var deliveries = await SendAsync(AlertNotice.Test(timeProvider.GetUtcNow().UtcDateTime, ConnectionRoles.NameOf(actor)), cancellationToken);
        return deliveries.Count == 0
            ? ServiceResult<IReadOnlyList<AlertDelivery>>.Fail("Add a recipient first: there is nobody to send a test alert to.")
            : ServiceResult<IReadOnlyList<AlertDelivery>>.Ok(deliveries);
    }

    private static string Reason(Exception e) => e switch
    {
        AlertDeliveryException => e.Message,
        HttpRequestException { InnerException: BlockedDestinationException } =>
            "The webhook's host is a loopback or private address, which the portal does not call unless it is listed in Connections:AllowedPrivateHosts.",
        OperationCanceledException or TimeoutException => "No answer in time.",
        _ => e.Message,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "An alert notice was not sent by {Channel} to {Address}: {Reason}")]
    private partial void LogNotSent(AlertChannel channel, string address, string reason);
}
