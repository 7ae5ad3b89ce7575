namespace SnConnectPortal.ServiceNow.Records;

/// <summary>The X-RateLimit-* headers ServiceNow adds when a REST API rate limit rule matches the call.</summary>
/// <param name="LimitPerHour">X-RateLimit-Limit: requests allowed per hour.</param>
/// <param name="Reset">X-RateLimit-Reset: when the hourly window resets.</param>
/// <param name="Rule">X-RateLimit-Rule: sys_id of the matching sys_rate_limit_rules row.</param>
public sealed record ServiceNowRateLimitInfo(long? LimitPerHour, DateTimeOffset? Reset, string? Rule);
