using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Keeps wrong inbound passwords from costing the server its CPU: each credential not yet verified (a right one once
/// per cache period, a wrong one every time it differs) costs a slow PBKDF2 hash, so before hashing the receiver takes
/// one attempt from two token buckets, one per client address (IPv6 by its /64) and one per connection key
/// (<see cref="InboundOptions.AuthAttemptsPerAddressPerMinute"/>, <see cref="InboundOptions.AuthAttemptsPerEndpointPerMinute"/>);
/// once one is empty, the attempt gets 429 with Retry-After without hashing. Hashes run at most one per core at a
/// time, with a short queue (<see cref="InboundOptions.AuthHashQueueLimit"/>); beyond it 503 with Retry-After.
/// Credentials already verified (or already found wrong) are answered from the cache and never throttled. A burst of
/// refusals is audited once, when it starts.
/// </summary>
public sealed partial class InboundAuthThrottle : IDisposable
{
    private const int MaxTrackedBursts = 10_000;
    private static readonly TimeSpan BurstQuietPeriod = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<(bool IsAddress, string Key)> _attempts;
    private readonly ConcurrencyLimiter _hashing;
    private readonly ConcurrentDictionary<(bool IsAddress, string Key), long> _burstLastRefusedAt = new();
    private readonly AuditLog _auditLog;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<InboundAuthThrottle> _logger;
    private readonly InboundOptions _options;

    public InboundAuthThrottle(IOptions<InboundOptions> options, AuditLog auditLog, TimeProvider timeProvider, ILogger<InboundAuthThrottle> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _auditLog = auditLog;
        _timeProvider = timeProvider;
        _logger = logger;
        var perAddress = _options.AuthAttemptsPerAddressPerMinute;
        var perEndpoint = _options.AuthAttemptsPerEndpointPerMinute;
        _attempts = PartitionedRateLimiter.Create<(bool IsAddress, string Key), (bool, string)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => PerMinute(k.Item1 ? perAddress : perEndpoint)));
        _hashing = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, Environment.ProcessorCount),
            QueueLimit = _options.AuthHashQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The key of a client address: IPv4 (also when mapped into IPv6) whole, IPv6 by its /64 network.</summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// Takes one attempt from the client address's and the connection key's budgets: null when the credential may be
    /// hashed; otherwise the seconds to wait, after auditing the burst if it is new.
    /// </summary>
    public async ValueTask<int?> TryAcquireAsync(string addressKey, string connectionKey, CancellationToken cancellationToken)
    {
        foreach (var partition in new[] { (true, addressKey), (false, connectionKey) })
        {
            using var lease = _attempts.AttemptAcquire(partition);
            if (!lease.IsAcquired)
            {
                await AuditBurstAsync(partition, cancellationToken);
                return RetryAfterSeconds(lease);
            }
        }

        return null;
    }

    /// <summary>A slot to hash in (dispose it after hashing); not acquired when the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireHashSlotAsync(CancellationToken cancellationToken) => _hashing.AcquireAsync(1, cancellationToken);

    public void Dispose()
    {
        _attempts.Dispose();
        _hashing.Dispose();
    }

    private static TokenBucketRateLimiterOptions PerMinute(int limit) => new()
    {
        TokenLimit = limit,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(TimeSpan.TicksPerMinute / limit),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;

    private async ValueTask AuditBurstAsync((bool IsAddress, string Key) partition, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetTimestamp();
        var quietTicks = (long)(BurstQuietPeriod.TotalSeconds * _timeProvider.TimestampFrequency);
        var isNewBurst = true;
        _burstLastRefusedAt.AddOrUpdate(partition, now, (_, last) =>
        {
            isNewBurst = now - last > quietTicks;
            return now;
        });
        if (!isNewBurst)
        {
            return;
        }

        if (_burstLastRefusedAt.Count > MaxTrackedBursts)
        {
            foreach (var (key, last) in _burstLastRefusedAt)
            {
                if (now - last > quietTicks)
                {
                    _burstLastRefusedAt.TryRemove(key, out _);
                }
            }
        }

        var (scope, limit) = partition.IsAddress
            ? ("client address", _options.AuthAttemptsPerAddressPerMinute)
            : ("connection key", _options.AuthAttemptsPerEndpointPerMinute);
        LogBurst(scope, partition.Key, limit);
        await _auditLog.WriteAsync("inbound receiver", "inbound.auth-throttled", partition.IsAddress ? "ClientAddress" : "InboundEndpoint",
            partition.Key, new { scope, limitPerMinute = limit }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unverified inbound credentials from {Scope} {Key} passed {Limit} a minute; they get 429 until they slow down")]
    private partial void LogBurst(string scope, string key, int limit);
}
