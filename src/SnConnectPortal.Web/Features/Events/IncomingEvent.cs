using System.Text.Json;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// One event as a sender posts it to <c>POST /api/events</c>, before validation (<see cref="IncomingEventValidator"/>):
/// <c>{"id": "evt-1", "connection": "Production", "table": "incident", "action": "create",
/// "fields": {"short_description": "Disk full"}, "reporter": "agent-7"}</c>.
/// </summary>
public sealed class IncomingEvent
{
    /// <summary>The sender's id of the event, unique per connection; a create's record gets it as correlation_id.</summary>
    public string? Id { get; set; }

    /// <summary>The connection's id (a number) or its name (a string).</summary>
    public JsonElement Connection { get; set; }

    /// <summary>The ServiceNow table, e.g. incident; one of the connection's tables.</summary>
    public string? Table { get; set; }

    /// <summary><see cref="Outbound.OutboundActions.Create"/> or <see cref="Outbound.OutboundActions.Update"/>.</summary>
    public string? Action { get; set; }

    /// <summary>Update only: the id of the create event whose record the update patches.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>ServiceNow field name → value, every value a string as ServiceNow's own API has them.</summary>
    public Dictionary<string, string?>? Fields { get; set; }

    /// <summary>A hub user (external id or email), sent as caller_id once the user mapping resolves it.</summary>
    public string? Reporter { get; set; }

    /// <summary>Files uploaded to the record once it exists (base64 in JSON).</summary>
    public List<IncomingAttachment?>? Attachments { get; set; }

    /// <summary>The connection reference as text (its name, or its id in digits), or null when it is neither.</summary>
    public string? ConnectionText => Connection.ValueKind switch
    {
        JsonValueKind.String => Connection.GetString(),
        JsonValueKind.Number when Connection.TryGetInt64(out var id) && id > 0 => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The correlation id of the record the event creates (its own id) or updates.</summary>
    public string? RecordCorrelationId => Action == Outbound.OutboundActions.Update ? CorrelationId : Id;
}
