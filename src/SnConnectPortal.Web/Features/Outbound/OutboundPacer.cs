using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Keeps each connection's deliveries at its instance's pace on this node: at most
/// <see cref="OutboundOptions.DeliveriesInFlightPerConnection"/> at once; under a limit of N per period, at most N
/// attempt starts in any window of that period (a token bucket whose tokens come back one period after they were spent:
/// a burst of N goes at once, then one more as each start leaves the window; a changed limit applies from the next
/// delivery on); and after a 429 nothing for the whole connection until its Retry-After has passed. Every worker of the
/// node shares it. Singleton, thread-safe.
/// </summary>
public sealed class OutboundPacer(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _heldOff = [];
    private readonly Dictionary<long, RecentStarts> _starts = [];
    private readonly Dictionary<long, int> _inFlight = [];

    /// <summary>Counts a claimed delivery of the connection until <see cref="Finished"/>.</summary>
    public void Claimed(long connectionId)
    {
        lock (_lock)
        {
            _inFlight[connectionId] = _inFlight.GetValueOrDefault(connectionId) + 1;
        }
    }

    public void Finished(long connectionId)
    {
        lock (_lock)
        {
            if (_inFlight.GetValueOrDefault(connectionId) <= 1)
            {
                _inFlight.Remove(connectionId);
            }
            else
            {
                _inFlight[connectionId]--;
            }
        }
    }

    /// <summary>Records that a delivery to the connection starts now, under <paramref name="limit"/> (null: no limit).</summary>
    public void Started(long connectionId, OutboundRateLimit? limit)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (limit is null)
            {
                _starts.Remove(connectionId);
                return;
            }

            if (!_starts.TryGetValue(connectionId, out var starts))
            {
                _starts[connectionId] = starts = new RecentStarts();
            }

            starts.Add(now, limit);
        }
    }

    /// <summary>The instance said 429: no delivery of the connection starts for <paramref name="wait"/>.</summary>
    public void HoldOff(long connectionId, TimeSpan wait)
    {
        var until = timeProvider.GetUtcNow() + wait;
        lock (_lock)
        {
            if (!_heldOff.TryGetValue(connectionId, out var held) || held < until)
            {
                _heldOff[connectionId] = until;
            }
        }
    }

    /// <summary>The connections none of whose messages may be claimed now: held off, at their rate limit, or with all their deliveries in flight.</summary>
    public IReadOnlyList<long> Paced(int inFlightPerConnection)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            return [.. NextSlots(now).Keys.Union(_inFlight.Where(c => c.Value >= inFlightPerConnection).Select(c => c.Key))];
        }
    }

    /// <summary>How long until the first waiting connection may start its next delivery; null when none waits.</summary>
    public TimeSpan? UntilNextSlot()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var slots = NextSlots(now);
            return slots.Count == 0 ? null : slots.Values.Min() - now;
        }
    }

    /// <summary>When each waiting connection may start again; forgets holds and windows that are over. Under the lock.</summary>
    private Dictionary<long, DateTimeOffset> NextSlots(DateTimeOffset now)
    {
        Dictionary<long, DateTimeOffset> slots = [];
        foreach (var (connectionId, until) in _heldOff)
        {
            if (until <= now)
            {
                _heldOff.Remove(connectionId);
            }
            else
            {
                slots[connectionId] = until;
            }
        }

        foreach (var (connectionId, starts) in _starts)
        {
            if (starts.NextSlot(now) is { } slot)
            {
                slots[connectionId] = slots.TryGetValue(connectionId, out var held) && held > slot ? held : slot;
            }
        }

        return slots;
    }

    /// <summary>A connection's attempt starts within its current limit's window, oldest first.</summary>
    private sealed class RecentStarts
    {
        private readonly Queue<DateTimeOffset> _times = new();
        private OutboundRateLimit _limit = new(1, RateLimitPeriod.Hour);

        public void Add(DateTimeOffset now, OutboundRateLimit limit)
        {
            _limit = limit;
            _times.Enqueue(now);
            Forget(now);
        }

        /// <summary>When the next start fits the window; null when it fits now.</summary>
        public DateTimeOffset? NextSlot(DateTimeOffset now)
        {
            Forget(now);
            return _times.Count < _limit.Count ? null : _times.Peek() + _limit.Window;
        }

        private void Forget(DateTimeOffset now)
        {
            while (_times.Count > 0 && (_times.Peek() + _limit.Window <= now || _times.Count > _limit.Count))
            {
                _times.Dequeue();
            }
        }
    }
}
