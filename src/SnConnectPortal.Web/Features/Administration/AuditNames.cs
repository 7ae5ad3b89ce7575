namespace SnConnectPortal.Web.Features.Administration;

/// <summary>
/// The names behind the ids an audit page mentions (connections, hub users, ServiceNow users, portal users), looked
/// up once per page. A name that is not found (a row deleted since) leaves the id shown as it is.
/// </summary>
public sealed class AuditNames
{
    public Dictionary<long, string> Connections { get; } = [];

    public Dictionary<long, string> HubUsers { get; } = [];

    public Dictionary<long, string> ServiceNowUsers { get; } = [];

    /// <summary>Portal users by their Identity id (a GUID string), as their email.</summary>
    public Dictionary<string, string> PortalUsers { get; } = new(StringComparer.Ordinal);

    public static AuditNames None { get; } = new();
}
