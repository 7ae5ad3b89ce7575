namespace SnConnectPortal.Sandbox.RateLimits;

/// <summary>
/// A rate limit rule (sys_rate_limit_rules): per user (null = all users), per hour, plus a per-second knob for tests.
/// </summary>
internal sealed record RateLimitRule(string SysId, string? User, int? PerHour, int? PerSecond);
