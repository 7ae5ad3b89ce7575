using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>What the test-record button queued, or why it did not.</summary>
/// <param name="MessageId">The outbound message to follow in the message view.</param>
/// <param name="InstanceUrl">The instance the record goes to, for the link to it once created.</param>
public sealed record TestRecordQueued(long MessageId, string ResponseId, Uri InstanceUrl);

/// <summary>
/// The "Send test record to ServiceNow" button (Operator+, opt-in): queues one outbound incident with a fresh
/// correlation id (the event id), so that the delivery worker creates a real incident in the instance. A caller named
/// by hub user (external id or email) is resolved through the user mapping when the record is delivered.
/// </summary>
public sealed class TestRecordSender(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    OutboundQueue queue,
    AuditLog auditLog,
    TimeProvider timeProvider)
{
    public const string Table = "incident";

    public async Task<(TestRecordQueued? Queued, string? Error)> SendAsync(
        ClaimsPrincipal actor, long connectionId, string? callerHubUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin) && !actor.IsInRole(PortalRoles.Operator))
        {
            return (null, "Only an Operator or Admin can send a test record.");
        }

        // A hub user is named by external id or email; anything longer names nobody, so it is refused rather than cut.
        if (LengthLimit.Check("A caller", callerHubUser, FieldLengths.HubUserEmail) is { } tooLong)
        {
            return (null, tooLong);
        }

        if (await InstanceOfAsync(connectionId, cancellationToken) is not { } instanceUrl)
        {
            return (null, "This connection no longer exists.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var actorName = actor.Identity?.Name ?? "unknown";
        var eventId = Guid.CreateVersion7(now).ToString("N");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["short_description"] = string.Create(CultureInfo.InvariantCulture, $"SnConnectPortal test record {now:yyyy-MM-dd HH:mm:ss} UTC"),
            ["description"] = $"Sent by {actorName} with the portal's \"Send test record to ServiceNow\" button to prove outbound delivery. It can be closed.",
            ["correlation_id"] = eventId,
            ["impact"] = "3",
            ["urgency"] = "3",
        };
        var hubUsers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(callerHubUser))
        {
            hubUsers["caller_id"] = callerHubUser.Trim();
        }

        var message = await queue.EnqueueAsync(connectionId, Table, "test", new OutboundPayload(fields, hubUsers), eventId, cancellationToken);
        await auditLog.WriteAsync(actorName, "outbound.test-record", "Connection", connectionId.ToString(CultureInfo.InvariantCulture),
            new { message.ResponseId, correlationId = eventId, callerHubUser }, cancellationToken);
        return (new TestRecordQueued(message.Id, message.ResponseId, instanceUrl), null);
    }

    /// <summary>The instance a connection's records go to, or null when the connection does not exist.</summary>
    public async Task<Uri?> InstanceOfAsync(long connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var instanceUrl = await db.Connections.AsNoTracking().Where(c => c.Id == connectionId && c.DeletedAt == null)
            .Select(c => c.InstanceUrl).FirstOrDefaultAsync(cancellationToken);
        return instanceUrl is null ? null : new Uri(instanceUrl);
    }

    /// <summary>The record in the instance's own UI.</summary>
    public static Uri RecordLink(Uri instanceUrl, string sysId) =>
        new(instanceUrl, $"nav_to.do?uri=incident.do%3Fsys_id%3D{Uri.EscapeDataString(sysId)}");
}
