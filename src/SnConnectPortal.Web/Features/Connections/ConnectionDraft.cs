using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// What the wizard collects, step by step. New secret values live here only until saved; stored secrets are known
/// by when and by whom they were set, never by value.
/// </summary>
public sealed class ConnectionDraft
{
    /// <summary>The connection being edited; null for a new one.</summary>
    public long? Id { get; set; }

    // Step 1: instance
    public string Name { get; set; } = "";

    /// <summary>As typed: a subdomain or a URL. Normalized when the step is accepted.</summary>
    public string InstanceAddress { get; set; } = "";

    public string TimeZone { get; set; } = "UTC";

    public string Environment { get; set; } = "Production";

    // Step 2: authentication mode
    public ServiceNowAuthMode AuthMode { get; set; } = ServiceNowAuthMode.Basic;

    // Step 3: credentials
    public string? UserName { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Secret values typed in this session, to be stored on save.</summary>
    public Dictionary<SecretKind, string> NewSecrets { get; } = [];

    /// <summary>The secrets already stored for this connection.</summary>
    public Dictionary<SecretKind, SecretInfo> StoredSecrets { get; } = [];

    // Step 4: tables and behaviour
    public List<string> Tables { get; set; } = [ConnectionChoices.DefaultTable];

    /// <summary>Off by default: deliveries go as fast as the instance answers. The count and period below count only when on.</summary>
    public bool LimitOutboundRate { get; set; }

    /// <summary>1,000 an hour when switched on, the ceiling IONIX's ServiceNow integration uses.</summary>
    public int OutboundRateLimitCount { get; set; } = 1_000;

    public RateLimitPeriod OutboundRateLimitPeriod { get; set; } = RateLimitPeriod.Hour;

    public OutboundRateLimit? OutboundRateLimit => LimitOutboundRate ? new(OutboundRateLimitCount, OutboundRateLimitPeriod) : null;

    /// <summary>Off by default: the Systems Check runs only when someone runs it. The minutes count only when on.</summary>
    public bool ScheduleChecks { get; set; }

    public int ScheduledCheckMinutes { get; set; } = 60;

    /// <summary>The minutes between scheduled checks, or null when off.</summary>
    public int? ScheduledCheck => ScheduleChecks ? ScheduledCheckMinutes : null;

    /// <summary>When the integration user's password expires (optional), so that an alert comes before it does.</summary>
    public DateTime? PasswordExpiresOn { get; set; }

    /// <summary>A secret is set when a new value was typed or one is stored.</summary>
    public bool HasSecret(SecretKind kind) =>
        (NewSecrets.TryGetValue(kind, out var value) && !string.IsNullOrEmpty(value)) || StoredSecrets.ContainsKey(kind);

    public void SetSecret(SecretKind kind, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            NewSecrets.Remove(kind);
        }
        else
        {
            NewSecrets[kind] = value;
        }
    }
}

/// <summary>When and by whom a stored secret was set: all the portal ever shows of it.</summary>
public sealed record SecretInfo(DateTime SetAt, string SetBy);
