using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>A finished (or stored) run: who ran it, when, how it ended, every step, and the connection's status after it.</summary>
public sealed record SystemsCheckReport(
    long RunId,
    long ConnectionId,
    string ConnectionName,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string StartedBy,
    string Trigger,
    RunOutcome Outcome,
    string Summary,
    IReadOnlyList<CheckStepResult> Steps,
    string? TestIncidentNumber,
    Uri? TestIncidentUrl,
    ConnectionStatus ConnectionStatus);

/// <summary>One line of a connection's check history.</summary>
public sealed record SystemsCheckRunSummary(
    long RunId,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string StartedBy,
    string Trigger,
    RunOutcome Outcome,
    string? Summary,
    string? TestIncidentNumber);

/// <summary>Where a run was started from.</summary>
public static class SystemsCheckTriggers
{
    public const string Portal = "Portal";
    public const string Api = "Api";

    /// <summary>The connection's own schedule (<c>Connection.ScheduledCheckMinutes</c>).</summary>
    public const string Schedule = "Schedule";
}
