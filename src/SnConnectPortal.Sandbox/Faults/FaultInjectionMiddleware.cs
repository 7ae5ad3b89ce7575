using System.Globalization;
using SnConnectPortal.Sandbox.Control;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Faults;

/// <summary>Applies a matching fault rule: latency, an error status, a hanging request or a dropped connection.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultRegistry faults, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (faults.Match(context.Request.Method, context.Request.Path.Value ?? "") is not { } fault)
        {
            await next(context);
            return;
        }

        try
        {
            if (fault.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), timeProvider, context.RequestAborted);
            }

            if (fault.Hang)
            {
                RequestLogMiddleware.MarkUnanswered(context, "hang");
                await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, context.RequestAborted);
                return;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (fault.Drop)
        {
            RequestLogMiddleware.MarkUnanswered(context, "drop");
            context.Abort();
            return;
        }

        if (fault.Status is { } status and > 0)
        {
            var retryAfter = fault.RetryAfterSeconds ?? (status == StatusCodes.Status429TooManyRequests ? 60 : null);
            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await ServiceNowError.ForStatus(status).WriteAsync(context);
            return;
        }

        await next(context);
    }
}
