using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// Every <see cref="AlertsOptions.EvaluateSeconds"/>: evaluates the alert conditions (<see cref="AlertEvaluator"/>),
/// stores the alerts that open and resolve, then sends each notice that is due once. A notice is claimed in the
/// database before it is sent, so two nodes never both send it; when every recipient failed it is released and tried
/// again at the next interval. Open alerts live in the database, so a restart neither repeats nor forgets them. Of several
/// portal nodes, the one holding the <c>alert-monitor</c> lease evaluates (<see cref="JobLeases"/>): the others would
/// only read the same facts again.
/// </summary>
public sealed partial class AlertMonitor(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    AlertFactsQuery factsQuery,
    AlertSettingsStore settingsStore,
    AlertDispatcher dispatcher,
    JobLeases leases,
    IOptions<AlertsOptions> options,
    TimeProvider timeProvider,
    ILogger<AlertMonitor> logger) : BackgroundService
{
    public const string Job = "alert-monitor";

    /// <summary>One evaluation and the notices it makes due.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var thresholds = (await settingsStore.GetAsync(cancellationToken)).Thresholds;
        var facts = await factsQuery.ReadAsync(cancellationToken);
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            var open = await db.Alerts.AsNoTracking().Where(a => a.ResolvedAt == null)
                .Select(a => new OpenAlert(a.Id, a.ConnectionId, a.Kind)).ToListAsync(cancellationToken);
            var evaluation = AlertEvaluator.Evaluate(facts, open, thresholds, Now);
            await ApplyAsync(evaluation, cancellationToken);
        }

        await NotifyAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.EvaluateSeconds);
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await leases.RunAsync(Job, interval, RunOnceAsync, stoppingToken);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
                {
                    LogFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    private async Task ApplyAsync(AlertEvaluation evaluation, CancellationToken cancellationToken)
    {
        foreach (var opening in evaluation.Open)
        {
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            db.Alerts.Add(new Alert { ConnectionId = opening.ConnectionId, Kind = opening.Kind, Detail = Clip(opening.Detail), OpenedAt = Now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogOpened(opening.Kind, opening.ConnectionId);
            }
            catch (DbUpdateException)
            {
                // Another node opened it first (one open alert per connection and kind).
            }
        }

        await using var resolving = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        foreach (var resolution in evaluation.Resolve)
        {
            var now = Now;
            var detail = Clip(resolution.Detail);
            await resolving.Alerts.Where(a => a.Id == resolution.AlertId && a.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.ResolvedAt, now).SetProperty(a => a.ResolvedDetail, detail), cancellationToken);
        }
    }

    private async Task NotifyAsync(CancellationToken cancellationToken)
    {
        List<(Alert Alert, string ConnectionName)> due;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            due = [.. (await db.Alerts.AsNoTracking()
                .Where(a => a.LastNotifiedAt == null || (a.ResolvedAt != null && a.LastNotifiedAt < a.ResolvedAt))
                .OrderBy(a => a.Id)
                .Join(db.Connections, a => a.ConnectionId, c => c.Id, (a, c) => new { Alert = a, c.Name })
                .ToListAsync(cancellationToken)).Select(x => (x.Alert, x.Name))];
        }

        foreach (var (alert, connectionName) in due)
        {
            var previous = alert.LastNotifiedAt;
            var claimedAt = Now;
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            var claimed = await db.Alerts.Where(a => a.Id == alert.Id && a.LastNotifiedAt == previous)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastNotifiedAt, claimedAt), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var deliveries = await dispatcher.SendAsync(AlertNotice.Of(alert, connectionName), cancellationToken);
            if (deliveries.Count > 0 && deliveries.All(d => !d.Sent))
            {
                await db.Alerts.Where(a => a.Id == alert.Id && a.LastNotifiedAt == claimedAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastNotifiedAt, previous), cancellationToken);
            }
        }
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..1999] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {Kind} opened for connection {ConnectionId}")]
    private partial void LogOpened(AlertKind kind, long connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The alert evaluation failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
