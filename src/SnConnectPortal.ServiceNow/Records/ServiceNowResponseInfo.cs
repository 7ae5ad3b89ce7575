namespace SnConnectPortal.ServiceNow.Records;

/// <summary>Facts about one HTTP answer that the Systems Check shows: status, clock, counts, rate limits, timing.</summary>
/// <param name="StatusCode">The HTTP status of the final attempt.</param>
/// <param name="ServerDate">The instance's HTTP Date header (clock-skew check).</param>
/// <param name="TotalCount">X-Total-Count: rows matching the query, before ACL filtering.</param>
/// <param name="RateLimit">X-RateLimit-* headers, when a rate limit rule matched.</param>
/// <param name="Elapsed">Time for the whole operation, retries and waits included.</param>
public sealed record ServiceNowResponseInfo(
    int StatusCode,
    DateTimeOffset? ServerDate,
    long? TotalCount,
    ServiceNowRateLimitInfo? RateLimit,
    TimeSpan Elapsed);
