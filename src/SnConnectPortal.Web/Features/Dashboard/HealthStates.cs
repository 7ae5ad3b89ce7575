using System.Globalization;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Dashboard;

/// <summary>What a connection's status card says at a glance.</summary>
public enum HealthState
{
    Healthy,
    Failing,
    Disabled,
    NoData,
}

public static class HealthStates
{
    public static HealthState Of(ConnectionHealth connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Status == ConnectionStatus.Disabled)
        {
            return HealthState.Disabled;
        }

        if (connection.Status == ConnectionStatus.Failing || connection.LastCheckSucceeded == false || connection.Delivery.FailuresLastDay.Count > 0)
        {
            return HealthState.Failing;
        }

        return connection.LastCheckAt is null && connection.LastInboundAt is null && connection.LastOutboundAt is null
            ? HealthState.NoData
            : HealthState.Healthy;
    }

    /// <summary>What is wrong with a failing connection, most urgent first.</summary>
    public static string Problem(ConnectionHealth connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.LastCheckSucceeded == false || connection.Status == ConnectionStatus.Failing)
        {
            return "Failing: " + (connection.LastCheckSummary ?? "the last Systems Check failed.");
        }

        var failed = connection.Delivery.FailuresLastDay.Sum(f => f.Count);
        return string.Create(CultureInfo.InvariantCulture, $"{failed:N0} outbound {(failed == 1 ? "message" : "messages")} failed in the last 24 hours: see Messages.");
    }

    /// <summary>"just now", "5 min ago", "3 h ago", "2 d ago".</summary>
    public static string Ago(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes} min ago"),
        { TotalDays: < 2 } => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours} h ago"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalDays} d ago"),
    };
}
