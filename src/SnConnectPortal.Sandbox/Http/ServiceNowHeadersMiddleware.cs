using System.Globalization;
using SnConnectPortal.Sandbox.Configuration;

namespace SnConnectPortal.Sandbox.Http;

/// <summary><c>Server: ServiceNow</c> and a <c>Date</c> header from the instance clock (which may be skewed).</summary>
internal sealed class ServiceNowHeadersMiddleware(RequestDelegate next, SandboxClock clock)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Server = "ServiceNow";
            context.Response.Headers.Date = clock.UtcNow.ToString("R", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
