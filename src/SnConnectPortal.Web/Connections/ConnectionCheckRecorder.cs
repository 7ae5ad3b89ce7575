using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Connections;

/// <summary>
/// Records a check's result on a connection and moves its status: a pass makes a Draft or Failing connection
/// Verified; a failure makes a Verified or Active one Failing; Disabled stays Disabled. Used by every kind of check.
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
        connection.Status = (Enum.Parse<ConnectionStatus>(connection.Status), passed) switch
        {
            (ConnectionStatus.Draft or ConnectionStatus.Failing, true) => nameof(ConnectionStatus.Verified),
            (ConnectionStatus.Verified or ConnectionStatus.Active, false) => nameof(ConnectionStatus.Failing),
            (var unchanged, _) => unchanged.ToString(),
        };
    }
}
