using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Dashboard;

/// <summary>
/// The node's latest dashboard figures, shared by every open dashboard: computed when a dashboard asks and the last
/// figures are older than <see cref="DashboardOptions.RefreshSeconds"/>, once for all who ask meanwhile. While no
/// dashboard is open, nothing is computed. Singleton, thread-safe.
/// </summary>
public sealed class DashboardStatistics(DashboardQueries queries, IOptions<DashboardOptions> options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private Task<DashboardSnapshot>? _latest;
    private DateTimeOffset _computedAt;

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(options.Value.RefreshSeconds);

    public Task<DashboardSnapshot> GetAsync()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            // A computation that failed is not kept: the next request tries again.
            if (_latest is null || _latest.IsFaulted || _latest.IsCanceled || (_latest.IsCompleted && now - _computedAt >= RefreshInterval))
            {
                _computedAt = now;
                _latest = queries.ComputeAsync(CancellationToken.None);
            }

            return _latest;
        }
    }
}
