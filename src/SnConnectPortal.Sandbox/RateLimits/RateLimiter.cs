using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.RateLimits;

/// <summary>
/// Counts requests per user per rule window (SERVICENOW-API.md section 2): a single-user rule beats an all-users
/// rule; hourly windows reset on the hour.
/// </summary>
internal sealed class RateLimiter(SandboxClock clock)
{
    private readonly Lock _sync = new();
    private readonly List<RateLimitRule> _rules = [];
    private readonly Dictionary<(string Rule, string User, long Window), int> _counts = [];

    private const int MaxWindows = 10_000;

    public sealed record Decision(RateLimitRule Rule, bool Allowed, int Limit, long ResetUnixSeconds, int RetryAfterSeconds);

    public RateLimitRule Add(RateLimitRequest request)
    {
        var rule = new RateLimitRule(SysIds.New(), request.User, request.PerHour, request.PerSecond);
        lock (_sync)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
            _counts.Clear();
        }
    }

    /// <summary>Counts the request; null when no rule applies to the user.</summary>
    public Decision? Check(string userName)
    {
        var now = clock.UtcNow;
        var unixSeconds = now.ToUnixTimeSeconds();
        var hourStart = unixSeconds / 3600 * 3600;
        lock (_sync)
        {
            var rule = _rules.LastOrDefault(r => r.User == userName) ?? _rules.LastOrDefault(r => r.User is null);
            if (rule is null)
            {
                return null;
            }

            var hourReset = hourStart + 3600;
            var perHour = rule.PerHour ?? int.MaxValue;
            var hourCount = Increment(rule, userName, hourStart);
            if (hourCount > perHour)
            {
                return new Decision(rule, false, perHour, hourReset, (int)(hourReset - unixSeconds));
            }

            if (rule.PerSecond is { } perSecond && Increment(rule, userName, -unixSeconds) > perSecond)
            {
                return new Decision(rule, false, perHour, hourReset, 1);
            }

            return new Decision(rule, true, perHour, hourReset, 0);
        }
    }

    // Hour windows are keyed by their (positive) start, second windows by their negated second.
    private int Increment(RateLimitRule rule, string user, long window)
    {
        if (_counts.Count > MaxWindows)
        {
            DropPastWindows(window);
        }

        var key = (rule.SysId, user, window);
        var count = _counts.GetValueOrDefault(key) + 1;
        _counts[key] = count;
        return count;
    }

    /// <summary>Forgets the counts of windows that are over (keeps memory bounded under the per-second knob).</summary>
    private void DropPastWindows(long currentWindow)
    {
        var hourStart = currentWindow > 0 ? currentWindow : -currentWindow / 3600 * 3600;
        var second = currentWindow < 0 ? -currentWindow : currentWindow;
        foreach (var key in _counts.Keys.Where(k => k.Window > 0 ? k.Window < hourStart : -k.Window < second).ToList())
        {
            _counts.Remove(key);
        }
    }
}
