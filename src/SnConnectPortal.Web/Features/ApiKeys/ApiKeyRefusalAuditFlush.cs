namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// Writes the counted API key refusals (<see cref="ApiKeyRefusalAudit"/>) within seconds after their minute is over,
/// and those still counting when the portal stops.
/// </summary>
public sealed class ApiKeyRefusalAuditFlush(ApiKeyRefusalAudit audit, TimeProvider timeProvider, ILogger<ApiKeyRefusalAuditFlush> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(includingOpen: false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(includingOpen: true);
        }
    }

    private async Task FlushAsync(bool includingOpen)
    {
        try
        {
            await audit.FlushAsync(includingOpen);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Writing the counted API key refusals to the audit log failed");
        }
    }
}
