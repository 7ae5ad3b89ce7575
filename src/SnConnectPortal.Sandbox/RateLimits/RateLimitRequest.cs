namespace SnConnectPortal.Sandbox.RateLimits;

/// <summary>Body of <c>POST /sandbox/rate-limits</c>.</summary>
internal sealed record RateLimitRequest(string? User, int? PerHour, int? PerSecond);
