using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Drains the outbox: has <see cref="MessageDelivery"/> claim and deliver due outbound messages one after another,
/// oldest due first, up to a batch per pass. When nothing can go, it sleeps for the poll interval, or until a paced
/// connection may send again if that comes sooner (a limit above 60 a minute needs less than the default 1 s).
/// </summary>
public sealed partial class DeliveryWorker(
    MessageDelivery delivery,
    OutboundPacer pacer,
    IOptions<OutboundOptions> options,
    TimeProvider timeProvider,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>One pass over what is due now; returns how many messages it took.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // Due by the pass's start: a message the pass reschedules waits for the next pass.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var taken = 0;
        while (taken < BatchSize && await delivery.DeliverNextAsync(now, cancellationToken))
        {
            taken++;
        }

        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollInterval = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
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

                var idle = pacer.UntilNextSlot() is { } nextSlot && nextSlot < pollInterval ? nextSlot : pollInterval;
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
