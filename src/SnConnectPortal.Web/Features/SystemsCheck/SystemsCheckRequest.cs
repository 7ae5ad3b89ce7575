using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>What one run of the Systems Check checks: the connection's settings (with secrets, in memory only) and behaviour.</summary>
public sealed record SystemsCheckRequest
{
    public required ServiceNowConnectionSettings Settings { get; init; }

    /// <summary>The configured tables (incident, problem, ...).</summary>
    public IReadOnlyList<string> Tables { get; init; } = ["incident"];

    /// <summary>The instance's IANA time zone, as configured.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Most deliveries a minute the portal starts (per node); compared with the instance's hourly rate limit.</summary>
    /// <summary>The connection's outbound rate limit; null when it has none.</summary>
    public OutboundRateLimit? OutboundRateLimit { get; init; }

    /// <summary>Target fields and the longest value written to each; defaults per table when null.</summary>
    public IReadOnlyList<MappedField>? MappedFields { get; init; }

    /// <summary>The only write a check ever makes: one incident, whose number is linked.</summary>
    public bool CreateTestIncident { get; init; }

    public IReadOnlyList<MappedField> EffectiveMappedFields => MappedFields ?? MappedField.DefaultsFor(Tables);
}
