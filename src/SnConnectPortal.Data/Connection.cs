namespace SnConnectPortal.Data;

/// <summary>
/// One ServiceNow instance the hub talks to, as one identity. Holds no secret values: those are in
/// <see cref="ConnectionSecret"/>, encrypted. A deleted connection keeps its row (its message history points at it).
/// </summary>
public class Connection
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The name upper-cased, so that names are unique regardless of case.</summary>
    public required string NormalizedName { get; set; }

    /// <summary>The normalized instance address, e.g. https://acme.service-now.com/.</summary>
    public required string InstanceUrl { get; set; }

    /// <summary>The IANA time zone of the instance: ServiceNow's date-times carry no zone.</summary>
    public required string TimeZone { get; set; }

    /// <summary>Production, Test or Development.</summary>
    public required string Environment { get; set; }

    /// <summary>The name of a ServiceNowAuthMode value (Basic, OAuthPassword, ...).</summary>
    public required string AuthMode { get; set; }

    public string? UserName { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The tables to integrate, comma-separated (e.g. <c>incident,problem</c>).</summary>
    public required string Tables { get; set; }

    /// <summary>
    /// Most deliveries each portal node starts to this instance in any one <see cref="OutboundRateLimitPeriod"/>;
    /// null when the connection has no limit (deliveries go as fast as the in-flight limit and the instance allow).
    /// </summary>
    public int? OutboundRateLimit { get; set; }

    public RateLimitPeriod OutboundRateLimitPeriod { get; set; } = RateLimitPeriod.Hour;

    public required ConnectionStatus Status { get; set; }

    /// <summary>How often, in minutes, the portal runs the Systems Check by itself; null when it never does.</summary>
    public int? ScheduledCheckMinutes { get; set; }

    /// <summary>When the integration user's password expires, as an Admin entered it; null when not dated.</summary>
    public DateOnly? PasswordExpiresOn { get; set; }

    /// <summary>When the instance's TLS certificate expires, as last seen by a scheduled check; null when not seen (or http).</summary>
    public DateTime? CertificateExpiresAt { get; set; }

    public DateTime? LastCheckAt { get; set; }

    public bool? LastCheckSucceeded { get; set; }

    /// <summary>What the last check saw, in words for an administrator.</summary>
    public string? LastCheckSummary { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>When the connection was deleted; null while it exists.</summary>
    public DateTime? DeletedAt { get; set; }

    public string? DeletedBy { get; set; }

    public List<ConnectionSecret> Secrets { get; } = [];
}
