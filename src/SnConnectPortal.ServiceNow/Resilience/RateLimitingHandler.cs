using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>Takes a permit from the connection's rate limiter, when one is set, before each HTTP attempt.</summary>
internal sealed class RateLimitingHandler(IServiceNowRateLimiters limiters, ServiceNowConnectionSettings settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var limiter = limiters.Get(settings.ConnectionIdentity);
        if (limiter is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ServiceNowException(new ServiceNowError(
                ServiceNowErrorKind.RateLimited,
                null,
                "The portal's own request limit for this connection is used up and its queue is full.",
                null,
                "Too much work is waiting for this connection. Let the queue drain, or raise the connection's request rate if " +
                "the instance's REST API rate limit rules allow more.")
            {
                Request = $"{request.Method} {request.RequestUri?.AbsolutePath}",
            });
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
