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

/// <summary>The answer of the service: a report, or why the run was refused (role, missing connection).</summary>
public sealed record SystemsCheckRunResult(SystemsCheckReport? Report, string? Refusal, bool NotFound = false)
{
    public static SystemsCheckRunResult Refused(string why) => new(null, why);

    public static SystemsCheckRunResult Missing() => new(null, "That connection does not exist.", NotFound: true);
}

/// <summary>Where a run was started from.</summary>
public static class SystemsCheckTriggers
{
    public const string Portal = "Portal";
    public const string Api = "Api";
}
