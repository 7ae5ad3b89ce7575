using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Messages;

namespace SnConnectPortal.Web.Outbound;

/// <summary>
/// Drains the outbox: takes due outbound messages (Queued; Retrying whose wait is over; Sending whose claim expired,
/// i.e. interrupted by a stop or crash) oldest due first, and hands each to <see cref="MessageDelivery"/>.
/// </summary>
public sealed partial class DeliveryWorker(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    MessageDelivery delivery,
    IOptions<OutboundOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>One pass over what is due now; returns how many messages it took.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        List<DueMessage> due;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Messages.AsNoTracking()
                .Where(m => (m.Status == MessageStatuses.Queued || m.Status == MessageStatuses.Retrying || m.Status == MessageStatuses.Sending)
                    && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt)
                .Take(BatchSize)
                .Select(m => new DueMessage(m.Id, m.ConnectionId, m.Status, m.NextAttemptAt))
                .ToListAsync(cancellationToken);
        }

        var taken = 0;
        foreach (var message in due)
        {
            if (await delivery.DeliverAsync(message, cancellationToken))
            {
                taken++;
            }
        }

        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        try
        {
            while (true)
            {
                try
                {
                    if (await DeliverDueAsync(stoppingToken) > 0)
                    {
                        continue;
                    }
                }
                catch (System.Data.Common.DbException e)
                {
                    LogPassFailed(e);
                }
                catch (InvalidOperationException e)
                {
                    LogPassFailed(e);
                }

                await Task.Delay(idle, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a message taken but not finished is retried (after a lookup) once its claim expires.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbound delivery pass failed; the worker tries again at the next interval")]
    private partial void LogPassFailed(Exception exception);
}
