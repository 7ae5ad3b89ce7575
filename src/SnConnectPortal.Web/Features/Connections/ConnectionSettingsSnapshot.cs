using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>One field that an edit changed, as the audit log records it.</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>
/// The non-secret settings of a connection, as text, so that an edit can be described field by field in the audit
/// log. Secrets are deliberately absent: the audit log only says that one was replaced.
/// </summary>
public sealed record ConnectionSettingsSnapshot(
    string Name,
    string InstanceUrl,
    string TimeZone,
    string Environment,
    string AuthMode,
    string? UserName,
    string? ClientId,
    string Tables,
    string OutboundRateLimit,
    string ScheduledCheck,
    string? PasswordExpiresOn)
{
    public static ConnectionSettingsSnapshot Of(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new(connection.Name, connection.InstanceUrl, connection.TimeZone, connection.Environment, connection.AuthMode,
            connection.UserName, connection.ClientId, connection.Tables,
            Outbound.OutboundRateLimit.Describe(Outbound.OutboundRateLimit.Of(connection)),
            ScheduledCheckText.Sentence(connection.ScheduledCheckMinutes),
            connection.PasswordExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The fields whose values differ, in the wizard's order.</summary>
    public IReadOnlyList<FieldChange> ChangesTo(ConnectionSettingsSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FieldChange>();
        Compare(nameof(Name), Name, after.Name);
        Compare(nameof(InstanceUrl), InstanceUrl, after.InstanceUrl);
        Compare(nameof(TimeZone), TimeZone, after.TimeZone);
        Compare(nameof(Environment), Environment, after.Environment);
        Compare(nameof(AuthMode), AuthMode, after.AuthMode);
        Compare(nameof(UserName), UserName, after.UserName);
        Compare(nameof(ClientId), ClientId, after.ClientId);
        Compare(nameof(Tables), Tables, after.Tables);
        Compare(nameof(OutboundRateLimit), OutboundRateLimit, after.OutboundRateLimit);
        Compare(nameof(ScheduledCheck), ScheduledCheck, after.ScheduledCheck);
        Compare(nameof(PasswordExpiresOn), PasswordExpiresOn, after.PasswordExpiresOn);
        return changes;

        void Compare(string field, string? before, string? now)
        {
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, before, now));
            }
        }
    }
}
