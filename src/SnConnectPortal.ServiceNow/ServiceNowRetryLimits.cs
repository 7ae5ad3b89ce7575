namespace SnConnectPortal.ServiceNow;

/// <summary>How hard the client retries a call that failed for a reason that may pass.</summary>
public sealed record ServiceNowRetryLimits
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First back-off delay for 5xx answers, timeouts and dropped connections; doubles with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single back-off delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest Retry-After the client waits out on a 429. A longer one (an hourly rule that is used up) is not
    /// retried: the call fails as RateLimited with the Retry-After, so the caller can reschedule the work.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
}
