using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// Runs the Systems Check of every connection that has a schedule (<see cref="Connection.ScheduledCheckMinutes"/>) and
/// is neither disabled nor deleted, when its last check (of any kind) is that many minutes old. Runs are stored and
/// move the connection's status like a check from the panel, started by "Schedule" (and, like every check, read the
/// instance certificate's end for the expiry alert). Of several portal nodes, the one holding the <c>scheduled-checks</c> lease runs
/// them (<see cref="JobLeases"/>), so no check runs twice.
/// </summary>
public sealed partial class ScheduledSystemsChecks(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    SystemsCheckService checks,
    JobLeases leases,
    IOptions<AlertsOptions> options,
    TimeProvider timeProvider,
    ILogger<ScheduledSystemsChecks> logger) : BackgroundService
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 1440;
    public const string ActorName = "Schedule";
    public const string Job = "scheduled-checks";

    /// <summary>Who a scheduled run is started by: the portal itself, with an Operator's right to run checks.</summary>
    private static readonly ClaimsPrincipal Scheduler = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, ActorName), new Claim(ClaimTypes.Role, PortalRoles.Operator)], authenticationType: "schedule"));

    /// <summary>Whether a connection checked at <paramref name="lastCheckAt"/> is due for its check every <paramref name="minutes"/>.</summary>
    public static bool IsDue(DateTime? lastCheckAt, int minutes, DateTime now) => lastCheckAt is not { } last || now - last >= TimeSpan.FromMinutes(minutes);

    /// <summary>Runs every due check, one after the other; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            var scheduled = await db.Connections.AsNoTracking()
                .Where(c => c.DeletedAt == null && c.Status != ConnectionStatus.Disabled && c.ScheduledCheckMinutes != null)
                .Select(c => new { c.Id, c.LastCheckAt, Minutes = c.ScheduledCheckMinutes!.Value })
                .ToListAsync(cancellationToken);
            due = [.. scheduled.Where(c => IsDue(c.LastCheckAt, c.Minutes, now)).Select(c => c.Id)];
        }

        foreach (var id in due)
        {
            var result = await checks.RunAsync(Scheduler, id, createTestIncident: false, SystemsCheckTriggers.Schedule, onStep: null, cancellationToken);
            LogRan(id, result.Value?.Outcome.ToString() ?? result.ErrorText);
        }

        return due.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ScheduleTickSeconds);
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await leases.RunAsync(Job, interval, RunDueAsync, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled Systems Check of connection {ConnectionId}: {Outcome}")]
    private partial void LogRan(long connectionId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduled Systems Checks failed; they run again at the next interval")]
    private partial void LogFailed(Exception exception);
}
