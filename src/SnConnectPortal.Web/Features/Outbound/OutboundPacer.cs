namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Applies each connection's outbound rate limit on this node: after a delivery to a connection whose limit is N a
/// minute starts, its next delivery may start 60 s / N later. The wait after a delivery follows the limit read for it,
/// so a change applies from the next delivery on. Singleton, thread-safe.
/// </summary>
public sealed class OutboundPacer(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _nextSlots = [];

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

    /// <summary>The connections whose next delivery may not start yet.</summary>
    public IReadOnlyList<long> Paced()
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

            return [.. _nextSlots.Keys];
        }
    }

    /// <summary>How long until the first paced connection may start its next delivery; null when none is paced.</summary>
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
