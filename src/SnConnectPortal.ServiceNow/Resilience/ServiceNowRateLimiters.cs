using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace SnConnectPortal.ServiceNow.Resilience;

/// <inheritdoc cref="IServiceNowRateLimiters"/>
internal sealed class ServiceNowRateLimiters : IServiceNowRateLimiters, IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    public void Set(ServiceNowConnectionSettings settings, RateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        RateLimiter? replaced = null;
        _limiters.AddOrUpdate(settings.ConnectionIdentity, limiter, (_, old) =>
        {
            replaced = old;
            return limiter;
        });
        if (!ReferenceEquals(replaced, limiter))
        {
            replaced?.Dispose();
        }
    }

    public void Clear(ServiceNowConnectionSettings settings)
    {
        if (_limiters.TryRemove(settings.ConnectionIdentity, out var removed))
        {
            removed.Dispose();
        }
    }

    public RateLimiter? Get(string connectionIdentity) => _limiters.GetValueOrDefault(connectionIdentity);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
