using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>
/// Deletes messages older than the retention (<see cref="MessageRetentionSetting"/>), in batches, on a timer. Outbound
/// messages still on their way (queued, sending, retrying) are kept whatever their age. Of several portal nodes, the
/// one holding the <c>message-purge</c> lease purges (<see cref="JobLeases"/>).
/// </summary>
public sealed partial class MessageRetention(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    MessageRetentionSetting retentionSetting,
    JobLeases leases,
    IOptions<MessagesOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageRetention> logger) : BackgroundService
{
    public const string Job = "message-purge";

    private static readonly MessageStatus[] InFlight = [MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Retrying];

    /// <summary>One purge pass; returns how many messages were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var retentionDays = (await retentionSetting.GetAsync(cancellationToken)).Days;
        if (retentionDays == 0)
        {
            return 0;
        }

        var cutoff = timeProvider.GetUtcNow().UtcDateTime.AddDays(-retentionDays);
        var total = 0;
        while (true)
        {
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            var batch = db.Messages.Where(m => m.ReceivedAt < cutoff && !InFlight.Contains(m.Status)).OrderBy(m => m.ReceivedAt).Select(m => m.Id).Take(settings.PurgeBatchSize);
            var deleted = await db.Messages.Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < settings.PurgeBatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogPurged(total, retentionDays);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.PurgeIntervalMinutes);
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            do
            {
                try
                {
                    await leases.RunAsync(Job, interval, PurgeAsync, stoppingToken);
                }
                catch (System.Data.Common.DbException e)
                {
                    LogPurgeFailed(e);
                }
                catch (InvalidOperationException e)
                {
                    LogPurgeFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} messages older than {Days} days")]
    private partial void LogPurged(int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The message purge failed; it runs again at the next interval")]
    private partial void LogPurgeFailed(Exception exception);
}
