using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// Records a check's result on a connection and moves its status as <see cref="ConnectionStatusTransitions"/> says.
/// Used by every kind of check.
/// </summary>
public static class ConnectionCheckRecorder
{
    public const int MaxSummaryLength = 2000;

    public static void Record(Connection connection, DateTime checkedAt, bool passed, string summary)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(summary);
        connection.LastCheckAt = checkedAt;
        connection.LastCheckSucceeded = passed;
        connection.LastCheckSummary = summary.Length > MaxSummaryLength ? summary[..MaxSummaryLength] : summary;
        connection.Status = ConnectionStatusTransitions.AfterCheck(connection.Status, passed);
    }
}
