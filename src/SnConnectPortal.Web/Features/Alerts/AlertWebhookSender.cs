using System.Net.Http.Json;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// POSTs a notice as JSON (<see cref="AlertWebhookBody"/>) to a webhook, through the portal's outbound destination
/// guard: a loopback or private address is refused unless listed in <c>Connections:AllowedPrivateHosts</c>.
/// </summary>
public sealed class AlertWebhookSender(IHttpClientFactory httpClientFactory)
{
    public const string ClientName = "alerts-webhook";

    public async Task SendAsync(AlertNotice notice, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var client = httpClientFactory.CreateClient(ClientName);
        using var response = await client.PostAsJsonAsync(url, AlertWebhookBody.Of(notice), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AlertDeliveryException($"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }
}
