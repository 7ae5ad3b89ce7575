using System.Net.Http;
using Polly.Timeout;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>
/// Decides which failures are worth another attempt. 429 waits for Retry-After (up to a cap; a longer wait is handed
/// back to the caller); 5xx, timeouts and dropped connections back off exponentially; 4xx never retries, because
/// asking again cannot fix credentials, ACLs, missing records or a bad request.
/// A POST is not idempotent (it could create a second incident), so it is retried only when ServiceNow cannot have
/// processed it: 429, 503, or a connection that was never established.
/// </summary>
internal static class RetryClassifier
{
    public static RetryDecision ForStatus(HttpMethod method, int status, TimeSpan? retryAfter, ServiceNowRetryLimits limits)
    {
        if (status == 429)
        {
            return retryAfter switch
            {
                null => RetryDecision.Backoff("429 without Retry-After"),
                { } wait when wait <= limits.MaxRetryAfter => new RetryDecision(true, wait, $"429, Retry-After {wait.TotalSeconds:0.#} s"),
                { } wait => RetryDecision.No($"429 with Retry-After {wait.TotalSeconds:0.#} s, longer than the {limits.MaxRetryAfter.TotalSeconds:0.#} s cap"),
            };
        }

        if (status == 503)
        {
            return RetryDecision.Backoff("503 Service Unavailable");
        }

        if (status is 500 or 502 or 504 or 408)
        {
            return IsIdempotent(method)
                ? RetryDecision.Backoff($"HTTP {status}")
                : RetryDecision.No($"HTTP {status} on {method}: the record may have been written");
        }

        return RetryDecision.No($"HTTP {status} is not transient");
    }

    public static RetryDecision ForException(HttpMethod method, Exception exception)
    {
        switch (exception)
        {
            case HttpRequestException { InnerException: BlockedDestinationException }:
                return RetryDecision.No("the destination is not allowed");
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }:
                return RetryDecision.Backoff("connection could not be established");
            case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError }:
                return RetryDecision.No("DNS and TLS failures are configuration problems");
            case ServiceNowException snException:
                return snException.Kind is ServiceNowErrorKind.ServerError
                    ? RetryDecision.Backoff("token endpoint failed")
                    : RetryDecision.No($"{snException.Kind} is not transient");
        }

        if (exception is TimeoutRejectedException or HttpRequestException or IOException)
        {
            return IsIdempotent(method)
                ? RetryDecision.Backoff(exception is TimeoutRejectedException ? "per-call timeout" : "connection dropped")
                : RetryDecision.No($"{exception.GetType().Name} on {method}: the record may have been written");
        }

        return RetryDecision.No($"{exception.GetType().Name} is not transient");
    }

    private static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post;
}
