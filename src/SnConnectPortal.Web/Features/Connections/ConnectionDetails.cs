using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// A connection as its page shows it. <see cref="Credentials"/> is null unless the reader is an Admin; secret values
/// are never here, only when and by whom they were set.
/// </summary>
public sealed record ConnectionDetails(
    long Id,
    string Name,
    string InstanceUrl,
    string TimeZone,
    string Environment,
    ServiceNowAuthMode AuthMode,
    IReadOnlyList<string> Tables,
    OutboundRateLimit? OutboundRateLimit,
    int? ScheduledCheckMinutes,
    DateOnly? PasswordExpiresOn,
    ConnectionStatus Status,
    DateTime? LastCheckAt,
    bool? LastCheckSucceeded,
    string? LastCheckSummary,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime UpdatedAt,
    string UpdatedBy,
    ConnectionCredentials? Credentials);

/// <summary>Who the connection signs in as, for Admins: user and client id, and each secret's set date and author.</summary>
public sealed record ConnectionCredentials(string? UserName, string? ClientId, IReadOnlyDictionary<SecretKind, SecretInfo> Secrets);
