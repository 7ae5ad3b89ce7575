using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Keeps each connection's deliveries at its instance's pace on this node: at most
/// <see cref="OutboundOptions.DeliveriesInFlightPerConnection"/> at once; under a limit of N per period, at most N
/// deliveries reaching the instance in any window of that period (a token bucket of N: a delivery holds its token while
/// in flight and gives it back one period after it finished, so that however late its request went out, no request N
/// further on can reach the instance within a period of it; a burst of N goes at once); and after a 429 nothing for the
/// whole connection until its Retry-After has passed. A changed limit applies from the next claim on. Every worker of
/// the node shares it. Singleton, thread-safe.
/// </summary>
public sealed class OutboundPacer(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, DateTimeOffset> _heldOff = [];
    private readonly Dictionary<long, Tokens> _tokens = [];
    private readonly Dictionary<long, int> _inFlight = [];

    /// <summary>Counts a claimed delivery of the connection until <see cref="Finished"/>; under <paramref name="limit"/> it takes a token.</summary>
    public void Claimed(long connectionId, OutboundRateLimit? limit)
    {
        lock (_lock)
        {
            _inFlight[connectionId] = _inFlight.GetValueOrDefault(connectionId) + 1;
            if (limit is null)
            {
                _tokens.Remove(connectionId);
                return;
            }

            TokensOf(connectionId, limit).Take();
        }
    }

    /// <summary>The delivery's attempt is recorded: it leaves the in-flight count, and its token comes back one period from now.</summary>
    public void Finished(long connectionId)
    {
        var now = timeProvider.GetUtcNow();
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

            if (_tokens.TryGetValue(connectionId, out var tokens))
            {
                tokens.Return(now);
            }
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

    /// <summary>
    /// What a claim may take now, under the connections' current <paramref name="limits"/> (those without one are absent):
    /// the connections none of whose messages it may take (held off, out of tokens, or with all their deliveries in
    /// flight), and how many messages it may take in all without any other connection passing its pace.
    /// </summary>
    public Pace Paced(int inFlightPerConnection, IReadOnlyDictionary<long, OutboundRateLimit> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            foreach (var (connectionId, tokens) in _tokens)
            {
                if (limits.TryGetValue(connectionId, out var limit))
                {
                    tokens.Limit = limit;
                }
                else
                {
                    _tokens.Remove(connectionId);
                }
            }

            var excluded = NextSlots(now).Keys.ToHashSet();
            var allowance = inFlightPerConnection;
            foreach (var connectionId in _inFlight.Keys.Union(limits.Keys).Where(c => !excluded.Contains(c)))
            {
                var left = inFlightPerConnection - _inFlight.GetValueOrDefault(connectionId);
                if (limits.TryGetValue(connectionId, out var limit))
                {
                    left = Math.Min(left, TokensOf(connectionId, limit).Left(now));
                }

                if (left <= 0)
                {
                    excluded.Add(connectionId);
                }
                else
                {
                    allowance = Math.Min(allowance, left);
                }
            }

            return new Pace([.. excluded], allowance);
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

    /// <summary>When each held-off or tokenless connection may start again; forgets holds and tokens that are over. Under the lock.</summary>
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

        foreach (var (connectionId, tokens) in _tokens)
        {
            if (tokens.NextSlot(now) is { } slot)
            {
                slots[connectionId] = slots.TryGetValue(connectionId, out var held) && held > slot ? held : slot;
            }
        }

        return slots;
    }

    private Tokens TokensOf(long connectionId, OutboundRateLimit limit)
    {
        if (!_tokens.TryGetValue(connectionId, out var tokens))
        {
            _tokens[connectionId] = tokens = new Tokens();
        }

        tokens.Limit = limit;
        return tokens;
    }

    /// <summary>What a claim may take: connections to skip, and how many messages at most.</summary>
    public sealed record Pace(IReadOnlyList<long> Excluded, int Allowance);

    /// <summary>A connection's tokens under its current limit: those held by deliveries in flight, and those on their way back (oldest first).</summary>
    private sealed class Tokens
    {
        private readonly Queue<DateTimeOffset> _returning = new();
        private int _held;

        public OutboundRateLimit Limit { get; set; } = new(1, RateLimitPeriod.Hour);

        public void Take() => _held++;

        public void Return(DateTimeOffset now)
        {
            if (_held > 0)
            {
                _held--;
                _returning.Enqueue(now + Limit.Window);
            }
        }

        public int Left(DateTimeOffset now)
        {
            Forget(now);
            return Limit.Count - _held - _returning.Count;
        }

        /// <summary>When the next token is back; null when one is free now. With every token in flight, not before a period from now.</summary>
        public DateTimeOffset? NextSlot(DateTimeOffset now) =>
            Left(now) > 0 ? null : _returning.Count > 0 ? _returning.Peek() : now + Limit.Window;

        private void Forget(DateTimeOffset now)
        {
            // Beyond the limit's count, the oldest returns no longer decide when the next token is free (a lowered limit).
            while (_returning.Count > 0 && (_returning.Peek() <= now || _returning.Count > Limit.Count))
            {
                _returning.Dequeue();
            }
        }
    }
}
