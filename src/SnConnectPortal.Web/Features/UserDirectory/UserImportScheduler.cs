using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// Resumes interrupted imports and runs each usable connection's incremental import on its schedule
/// (<see cref="DirectoryOptions.IncrementalImportInterval"/>): a connection whose users were never imported gets a
/// full import first. Of several portal nodes, the one holding the <c>user-imports</c> lease does this (<see cref="JobLeases"/>).
/// </summary>
public sealed partial class UserImportScheduler(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    UserImportCoordinator coordinator,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<DirectoryOptions> options,
    ILogger<UserImportScheduler> logger) : BackgroundService
{
    public const string Job = "user-imports";

    private static readonly ConnectionStatus[] UsableStatuses = [ConnectionStatus.Verified, ConnectionStatus.Active];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerPollInterval, timeProvider);
        do
        {
            try
            {
                await leases.RunAsync(Job, options.Value.SchedulerPollInterval, PassAsync, stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
            {
                LogPassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await coordinator.ResumeInterruptedAsync(cancellationToken);
        if (options.Value.IncrementalImportInterval > TimeSpan.Zero)
        {
            await StartDueImportsAsync(cancellationToken);
        }
    }

    private async Task StartDueImportsAsync(CancellationToken cancellationToken)
    {
        var dueBefore = timeProvider.GetUtcNow().UtcDateTime - options.Value.IncrementalImportInterval;
        List<long> due;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Connections.AsNoTracking()
                .Where(c => c.DeletedAt == null && UsableStatuses.Contains(c.Status))
                .Where(c => !db.UserImportRuns.Any(r => r.ConnectionId == c.Id && r.StartedAt > dueBefore))
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var connectionId in due.Where(id => !coordinator.IsRunning(id)))
        {
            var start = await coordinator.StartCoreAsync("schedule", connectionId, UserImportKind.Incremental, cancellationToken);
            if (!start.Succeeded)
            {
                LogNotStarted(logger, connectionId, start.ErrorText);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scheduled user import pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled user import of connection {ConnectionId} not started: {Reason}")]
    private static partial void LogNotStarted(ILogger logger, long connectionId, string reason);
}
