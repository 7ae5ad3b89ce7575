using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Operations.Telemetry;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// Runs the Systems Check of a saved connection for an Admin or Operator: decrypts its secrets for the run only,
/// streams each step to <c>onStep</c> and stores it as it finishes, then records the outcome, the connection's last
/// check and its status (<see cref="ConnectionStatusTransitions"/>). Secret values are redacted from anything shown or stored, whatever a step wrote.
/// Every run, whoever started it, also reads when the instance's TLS certificate ends, for the expiry alert.
/// </summary>
public sealed class SystemsCheckService(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    ConnectionSettingsSource settingsSource,
    SystemsCheckRunner runner,
    InstanceCertificateProbe certificateProbe,
    IOptions<SystemsCheckOptions> options,
    TimeProvider timeProvider,
    PortalMetrics metrics,
    ILogger<SystemsCheckService> logger)
{
    private const int MaxText = 4000;
    private const int MaxSummary = 2000;

    public async Task<ServiceResult<SystemsCheckReport>> RunAsync(
        ClaimsPrincipal actor,
        long connectionId,
        bool createTestIncident,
        string trigger,
        Func<CheckStepResult, Task>? onStep,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ConnectionRoles.CanMonitor(actor))
        {
            return ServiceResult<SystemsCheckReport>.Forbidden("Only an Admin or an Operator can run the Systems Check.");
        }

        if (createTestIncident && actor.IsApiKey())
        {
            return ServiceResult<SystemsCheckReport>.Forbidden("An API key may run the Systems Check but not create a test incident in ServiceNow.");
        }

        SystemsCheckRequest request;
        SystemsCheckRun run;
        string connectionName;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            var connection = await db.Connections.Include(c => c.Secrets)
                .FirstOrDefaultAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken);
            if (connection is null)
            {
                return ServiceResult<SystemsCheckReport>.NotFound("That connection does not exist.");
            }

            connectionName = connection.Name;
            request = RequestOf(connection, createTestIncident);
            run = new SystemsCheckRun
            {
                ConnectionId = connectionId,
                StartedAt = timeProvider.GetUtcNow().UtcDateTime,
                StartedBy = ConnectionRoles.NameOf(actor),
                Trigger = trigger,
                Outcome = RunOutcome.Running,
                CreateTestIncident = createTestIncident,
            };
            db.SystemsCheckRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        var secrets = new[] { request.Settings.Password, request.Settings.ClientSecret, request.Settings.RefreshToken }
            .Where(s => s is { Length: >= 4 }).Cast<string>().ToList();
        var steps = new List<CheckStepResult>();
        try
        {
            await foreach (var raw in runner.RunAsync(request, cancellationToken))
            {
                var step = raw with { Seen = Clip(Redact(raw.Seen, secrets) ?? "", MaxText), Remedy = Redact(raw.Remedy, secrets) is { } r ? Clip(r, MaxText) : null };
                steps.Add(step);
                await StoreStepAsync(run.Id, step, cancellationToken);
                if (onStep is not null)
                {
                    await onStep(step);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FinishAsync(run.Id, RunOutcome.Cancelled, $"Stopped after {steps.Count} steps.", null, connectionStatus: false, certificateExpiresAt: null, CancellationToken.None);
            throw;
        }

        var outcome = steps.Any(s => s.Outcome == CheckOutcome.Fail) ? RunOutcome.Failed
            : steps.Any(s => s.Outcome == CheckOutcome.Warn) ? RunOutcome.PassedWithWarnings
            : RunOutcome.Passed;
        var summary = Summarize(outcome, steps);
        var incident = steps.FirstOrDefault(s => s.Key == Steps.TestIncidentStep.StepKey && s.LinkText is not null);
        var certificateExpiresAt = await certificateProbe.ExpiresAtAsync(request.Settings.InstanceUrl, options.Value.StepTimeout, cancellationToken);
        var finished = await FinishAsync(run.Id, outcome, summary, incident?.LinkText, connectionStatus: true, certificateExpiresAt, CancellationToken.None);
        logger.LogInformation("Systems Check {RunId} of connection {ConnectionId} by {Actor}: {Outcome}", run.Id, connectionId, run.StartedBy, outcome);
        return ServiceResult<SystemsCheckReport>.Ok(new SystemsCheckReport(run.Id, connectionId, connectionName, run.StartedAt, finished.FinishedAt,
            run.StartedBy, trigger, outcome, summary, steps, incident?.LinkText, incident?.LinkUrl, finished.Status));
    }

    /// <summary>The connection's runs, newest first (every role, and a monitor:read key, may read them).</summary>
    public async Task<IReadOnlyList<SystemsCheckRunSummary>> HistoryAsync(ClaimsPrincipal actor, long connectionId, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ConnectionRoles.CanView(actor) && !ConnectionRoles.CanMonitor(actor))
        {
            return [];
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.SystemsCheckRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SystemsCheckRunSummary(r.Id, r.StartedAt, r.FinishedAt, r.StartedBy, r.Trigger,
            r.Outcome, r.Summary, r.TestIncidentNumber))];
    }

    /// <summary>One stored run with its steps, or null.</summary>
    public async Task<SystemsCheckReport?> GetAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!ConnectionRoles.CanView(actor) && !ConnectionRoles.CanMonitor(actor))
        {
            return null;
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.SystemsCheckRuns.AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == run.ConnectionId, cancellationToken) is not { } connection)
        {
            return null;
        }

        var steps = run.Steps.OrderBy(s => s.Position).Select(s => new CheckStepResult(s.Position, s.StepKey, s.Name, s.Outcome,
            TimeSpan.FromMilliseconds(s.DurationMs), s.Seen, s.Remedy, s.LinkUrl is null ? null : new Uri(s.LinkUrl),
            s.StepKey == Steps.TestIncidentStep.StepKey ? run.TestIncidentNumber : null)).ToList();
        var incident = steps.FirstOrDefault(s => s.LinkText is not null);
        return new SystemsCheckReport(run.Id, run.ConnectionId, connection.Name, run.StartedAt, run.FinishedAt, run.StartedBy, run.Trigger,
            run.Outcome, run.Summary ?? "", steps, run.TestIncidentNumber, incident?.LinkUrl, connection.Status);
    }

    internal static string Summarize(RunOutcome outcome, IReadOnlyList<CheckStepResult> steps)
    {
        var passed = steps.Count(s => s.Outcome == CheckOutcome.Pass);
        var skipped = steps.Count(s => s.Outcome == CheckOutcome.Skipped);
        var warned = steps.Where(s => s.Outcome == CheckOutcome.Warn).Select(s => s.Name).ToList();
        var failed = steps.Where(s => s.Outcome == CheckOutcome.Fail).Select(s => s.Name).ToList();
        return outcome switch
        {
            RunOutcome.Failed => $"Failed: {string.Join("; ", failed)}. {passed} passed, {warned.Count} warned, {skipped} skipped.",
            RunOutcome.PassedWithWarnings => $"Passed with {warned.Count} warning(s): {string.Join("; ", warned)}. {passed} passed, {skipped} skipped.",
            _ => $"Passed: {passed} steps passed, {skipped} skipped.",
        };
    }

    private SystemsCheckRequest RequestOf(Connection connection, bool createTestIncident) =>
        new()
        {
            Settings = settingsSource.SettingsOf(connection),
            Tables = [.. connection.Tables.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            TimeZone = connection.TimeZone,
            OutboundRateLimit = OutboundRateLimit.Of(connection),
            CreateTestIncident = createTestIncident,
        };

    private async Task StoreStepAsync(long runId, CheckStepResult step, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        db.SystemsCheckRunSteps.Add(new SystemsCheckRunStep
        {
            RunId = runId,
            Position = step.Position,
            StepKey = step.Key,
            Name = step.Name,
            Outcome = step.Outcome,
            DurationMs = (long)step.Duration.TotalMilliseconds,
            Seen = step.Seen,
            Remedy = step.Remedy,
            LinkUrl = step.LinkUrl?.AbsoluteUri,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <param name="certificateExpiresAt">The instance certificate's end when it was read (https, reachable); otherwise the last one seen stays.</param>
    private async Task<(DateTime FinishedAt, ConnectionStatus Status)> FinishAsync(
        long runId, RunOutcome outcome, string summary, string? incidentNumber, bool connectionStatus, DateTime? certificateExpiresAt,
        CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.SystemsCheckRuns.FirstAsync(r => r.Id == runId, cancellationToken);
        var finishedAt = timeProvider.GetUtcNow().UtcDateTime;
        run.FinishedAt = finishedAt;
        run.Outcome = outcome;
        run.Summary = Clip(summary, MaxSummary);
        run.TestIncidentNumber = incidentNumber;
        var connection = await db.Connections.FirstAsync(c => c.Id == run.ConnectionId, cancellationToken);
        if (connectionStatus)
        {
            ConnectionCheckRecorder.Record(connection, finishedAt, outcome != RunOutcome.Failed, summary);
        }

        connection.CertificateExpiresAt = certificateExpiresAt ?? connection.CertificateExpiresAt;

        await db.SaveChangesAsync(cancellationToken);
        metrics.SystemsCheckRan(run.ConnectionId, outcome.ToString());
        return (finishedAt, connection.Status);
    }

    private static string? Redact(string? text, IReadOnlyList<string> secrets)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
