namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Keeps each connection's deliveries at its instance's pace on this node: at most
/// <see cref="OutboundOptions.DeliveriesInFlightPerConnection"/> at once; attempt starts at least 60 s / N apart under a
/// limit of N a minute (a change applies from the next delivery on); and after a 429 nothing for the whole connection
/// until its Retry-After has passed. Singleton, thread-safe.
/// </summary>
public sealed class OutboundPacer(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _nextSlots = [];
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

    /// <summary>Records that a delivery to the connection starts now, under a limit of <paramref name="perMinute"/>.</summary>
    public void Started(long connectionId, int perMinute)
    {
        // Below 1 only outside the wizard (a row written by hand): paced as the strictest limit the wizard allows.
        var nextSlot = timeProvider.GetUtcNow() + TimeSpan.FromMinutes(1) / Math.Max(perMinute, 1);
        lock (_lock)
        {
            _nextSlots[connectionId] = nextSlot;
        }
    }

    /// <summary>The instance said 429: no delivery of the connection starts for <paramref name="wait"/>.</summary>
    public void HoldOff(long connectionId, TimeSpan wait)
    {
        var until = timeProvider.GetUtcNow() + wait;
        lock (_lock)
        {
            if (!_nextSlots.TryGetValue(connectionId, out var slot) || slot < until)
            {
                _nextSlots[connectionId] = until;
            }
        }
    }

    /// <summary>The connections none of whose messages may be claimed now: waiting for a slot, or with all their deliveries in flight.</summary>
    public IReadOnlyList<long> Paced(int inFlightPerConnection)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var (connectionId, nextSlot) in _nextSlots)
            {
                if (nextSlot <= now)
                {
                    _nextSlots.Remove(connectionId);
                }
            }

            return [.. _nextSlots.Keys.Union(_inFlight.Where(c => c.Value >= inFlightPerConnection).Select(c => c.Key))];
        }
    }

    /// <summary>How long until the first waiting connection may start its next delivery; null when none waits.</summary>
    public TimeSpan? UntilNextSlot()
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var upcoming = _nextSlots.Values.Where(slot => slot > now).ToList();
            return upcoming.Count == 0 ? null : upcoming.Min() - now;
        }
    }
}
