using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// One token bucket per connection (refilled every 100 ms, holding one second's worth), so that a flooding
/// connection gets 429 while the others carry on. A changed rate starts a new bucket.
/// </summary>
public sealed class InboundRateLimiter(IOptions<InboundOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<(long ConnectionId, int Rate)> _limiter = PartitionedRateLimiter.Create<(long ConnectionId, int Rate), (long, int)>(
        key => RateLimitPartition.GetTokenBucketLimiter(key, k => new TokenBucketRateLimiterOptions
        {
            TokenLimit = k.Item2,
            TokensPerPeriod = Math.Max(1, k.Item2 / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the message may pass; otherwise the seconds to wait (at least 1).</summary>
    public int? TryAcquire(InboundCaller caller)
    {
        var rate = caller.RateLimitPerSecond ?? options.Value.DefaultRateLimitPerSecond;
        using var lease = _limiter.AttemptAcquire((caller.ConnectionId, rate));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
    }

    public void Dispose() => _limiter.Dispose();
}
