namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>Whether a failed attempt is tried again, and how long to wait first.</summary>
/// <param name="Retry">Try again.</param>
/// <param name="Delay">The wait ServiceNow asked for (Retry-After); null means exponential back-off with jitter.</param>
/// <param name="Reason">Why, in words for the log.</param>
internal sealed record RetryDecision(bool Retry, TimeSpan? Delay, string Reason)
{
    public static RetryDecision No(string reason) => new(false, null, reason);

    public static RetryDecision Backoff(string reason) => new(true, null, reason);
}
