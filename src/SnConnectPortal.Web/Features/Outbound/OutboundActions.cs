namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// What an outbound message asks of ServiceNow, stored as its event name: every message creates its record (found by
/// correlation_id instead after an uncertain attempt) except an update, which patches the record that holds its
/// correlation id and never creates one.
/// </summary>
public static class OutboundActions
{
    public const string Create = "create";

    public const string Update = "update";
}
