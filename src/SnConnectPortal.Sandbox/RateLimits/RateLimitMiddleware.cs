using System.Globalization;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.RateLimits;

/// <summary>Adds X-RateLimit-Limit/Reset/Rule to requests a rule covers; 429 + Retry-After once over the limit.</summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, RateLimiter limiter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Caller.Of(context) is not { } caller || limiter.Check(caller.UserName) is not { } decision)
        {
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Rule"] = decision.Rule.SysId;
        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ServiceNowError.RateLimited(decision.Limit).WriteAsync(context);
    }
}
