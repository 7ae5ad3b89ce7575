using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Drains the outbox: claims due outbound messages, oldest due first, as many at once as there are free slots of
/// <see cref="OutboundOptions.DeliveriesInFlight"/> (one transaction for all of them: the slots freed while a claim
/// runs make the next claim's batch), and has <see cref="MessageDelivery"/> deliver them. When
/// nothing can go, it sleeps for the poll interval, or until a waiting connection may send again if that comes sooner
/// (a limit above 60 a minute needs less than the default 1 s). On shutdown it stops claiming and waits for the
/// deliveries in flight, which finish or release their messages.
/// </summary>
public sealed partial class DeliveryWorker(
    MessageDelivery delivery,
    OutboundPacer pacer,
    IOptions<OutboundOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var pollInterval = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
        using var freeSlots = new SemaphoreSlim(settings.DeliveriesInFlight);
        using var finished = new SemaphoreSlim(0); // a delivery ended: its connection may be claimable again

        try
        {
            while (true)
            {
                await freeSlots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < settings.DeliveriesInFlight && freeSlots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                var started = await TryStartDueAsync(free, stoppingToken);
                foreach (var delivery in started)
                {
                    _ = delivery.ContinueWith(
                        delivered =>
                        {
                            if (delivered.Exception is { } e)
                            {
                                LogDeliveryFailed(e.InnerException ?? e);
                            }

                            freeSlots.Release();
                            finished.Release();
                        },
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                if (free > started.Count)
                {
                    freeSlots.Release(free - started.Count);
                }

                if (started.Count > 0)
                {
                    continue;
                }

                var idle = pacer.UntilNextSlot() is { } nextSlot && nextSlot < pollInterval ? nextSlot : pollInterval;
                await finished.WaitAsync(idle, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: every slot comes back once its delivery has finished or released its message.
            for (var i = 0; i < settings.DeliveriesInFlight; i++)
            {
                await freeSlots.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task<IReadOnlyList<Task>> TryStartDueAsync(int most, CancellationToken stoppingToken)
    {
        try
        {
            return await delivery.StartDueAsync(timeProvider.GetUtcNow().UtcDateTime, most, stoppingToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogClaimFailed(e);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming an outbound message failed; the worker tries again at the next interval")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An outbound delivery failed before its attempt was recorded; the message is retried once its claim expires")]
    private partial void LogDeliveryFailed(Exception exception);
}
