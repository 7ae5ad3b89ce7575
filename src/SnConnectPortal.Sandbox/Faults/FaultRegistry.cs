namespace SnConnectPortal.Sandbox.Faults;

/// <summary>The active fault rules; each match uses up one of the rule's <c>count</c>.</summary>
internal sealed class FaultRegistry
{
    private readonly Lock _sync = new();
    private readonly List<ActiveFault> _faults = [];

    public void Add(FaultRule rule)
    {
        lock (_sync)
        {
            _faults.Add(new ActiveFault(rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _faults.Clear();
        }
    }

    public FaultRule? Match(string method, string path)
    {
        lock (_sync)
        {
            foreach (var fault in _faults)
            {
                var rule = fault.Rule;
                if (fault.Remaining is <= 0
                    || (rule.PathPrefix is { Length: > 0 } prefix && !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    || (rule.Method is { Length: > 0 } m && !string.Equals(m, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.Probability is { } p && Random.Shared.NextDouble() >= p))
                {
                    continue;
                }

                if (fault.Remaining is { } remaining)
                {
                    fault.Remaining = remaining - 1;
                }

                return rule;
            }

            return null;
        }
    }

    private sealed class ActiveFault(FaultRule rule, int? remaining)
    {
        public FaultRule Rule => rule;

        public int? Remaining { get; set; } = remaining;
    }
}
