using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>Whether a notice announces an incident, its end, or is a test.</summary>
public enum AlertNoticeState
{
    Opened,
    Resolved,
    Test,
}

/// <summary>What one notice says, whatever carries it (email or webhook). <see cref="Kind"/> is null for a test.</summary>
public sealed record AlertNotice(
    AlertNoticeState State,
    AlertKind? Kind,
    long? AlertId,
    long? ConnectionId,
    string ConnectionName,
    string Detail,
    DateTime OpenedAt,
    DateTime? ResolvedAt)
{
    public static AlertNotice Of(Alert alert, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var resolved = alert.ResolvedAt is not null;
        return new AlertNotice(resolved ? AlertNoticeState.Resolved : AlertNoticeState.Opened, alert.Kind, alert.Id, alert.ConnectionId,
            connectionName, resolved ? alert.ResolvedDetail ?? "" : alert.Detail, alert.OpenedAt, alert.ResolvedAt);
    }

    public static AlertNotice Test(DateTime now, string sentBy) =>
        new(AlertNoticeState.Test, null, null, null, "(test)",
            $"A test alert sent by {sentBy} from the Alerts page. Nothing is wrong: this shows that alerts reach you.", now, null);
}
