using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// Where the database has no notifications (SQL Server): while a page on this node listens to the
/// <see cref="MessageNotifier"/>, reads the <see cref="MessageLogStamp"/> every <see cref="MessagesOptions.NodePollMilliseconds"/>
/// and publishes what other nodes changed (<see cref="MessageLogWatch"/>). With no page open it reads nothing.
/// </summary>
public sealed partial class MessageLogPoll(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    MessageNotifier notifier,
    IOptions<MessagesOptions> options,
    TimeProvider timeProvider,
    ILogger<MessageLogPoll> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = new MessageLogWatch(timeProvider);
        using var subscription = notifier.Subscribe(committed =>
        {
            if (!committed.FromOtherNode)
            {
                watch.Local(committed);
            }
        });
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.NodePollMilliseconds), timeProvider);
        var failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (notifier.SubscriberCount <= 1) // this poll's own subscription: no page listens
                {
                    watch.Reset();
                    continue;
                }

                try
                {
                    await using var db = await dbContextFactory.CreateDbContextAsync(stoppingToken);
                    var (window, next) = watch.NextBounds();
                    if (watch.Observe(await MessageLogStamp.ReadAsync(db, window, next, stoppingToken)) is { } news)
                    {
                        notifier.Publish(news);
                    }

                    failing = false;
                }
#pragma warning disable CA1031 // The database may be away for a while; the poll goes on and logs the first failure only.
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    watch.Reset();
                    if (!failing)
                    {
                        failing = true;
                        LogPollFailed(e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the message log for other portal nodes' news; trying again at each interval")]
    private partial void LogPollFailed(Exception exception);
}
