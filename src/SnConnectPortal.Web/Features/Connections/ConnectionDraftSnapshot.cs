using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// What a wizard draft holds at one moment, as the server would store it (trimmed, and only the identifiers the auth
/// mode uses), so that two moments can be compared: has anything been typed, and does it change how the portal
/// reaches ServiceNow. New secret values are counted, never kept.
/// </summary>
public sealed record ConnectionDraftSnapshot(
    string Name,
    string InstanceAddress,
    string TimeZone,
    string Environment,
    ServiceNowAuthMode AuthMode,
    string? UserName,
    string? ClientId,
    string Tables,
    OutboundRateLimit? OutboundRateLimit,
    int? ScheduledCheckMinutes,
    DateTime? PasswordExpiresOn,
    int NewSecrets)
{
    public static ConnectionDraftSnapshot Of(ConnectionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var required = SecretKinds.RequiredBy(draft.AuthMode);
        return new(
            draft.Name.Trim(),
            draft.InstanceAddress.Trim(),
            draft.TimeZone,
            draft.Environment,
            draft.AuthMode,
            SecretKinds.NeedsUserName(draft.AuthMode) ? Blank(draft.UserName) : null,
            SecretKinds.NeedsClientId(draft.AuthMode) ? Blank(draft.ClientId) : null,
            string.Join(',', ConnectionChoices.Tables.Where(draft.Tables.Contains)),
            draft.OutboundRateLimit,
            draft.ScheduledCheck,
            required.Contains(SnConnectPortal.Data.SecretKind.Password) ? draft.PasswordExpiresOn?.Date : null,
            draft.NewSecrets.Count(s => required.Contains(s.Key) && !string.IsNullOrEmpty(s.Value)));
    }

    /// <summary>True when the address, sign-in mode, integration user or client id differ, or a secret was typed.</summary>
    public bool ChangesReachabilityFrom(ConnectionDraftSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return NewSecrets > 0
            || !string.Equals(InstanceAddress, before.InstanceAddress, StringComparison.OrdinalIgnoreCase)
            || AuthMode != before.AuthMode
            || !string.Equals(UserName, before.UserName, StringComparison.Ordinal)
            || !string.Equals(ClientId, before.ClientId, StringComparison.Ordinal);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
