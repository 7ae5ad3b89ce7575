using System.Globalization;
using SnConnectPortal.Sandbox.Control;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Faults;

/// <summary>
/// Applies a matching fault rule: latency, an error status, a hanging request or a dropped connection; with
/// <see cref="FaultRule.AfterProcessing"/>, to the answer of a request the instance has carried out (a record created
/// whose 201 is delayed, lost or replaced), as a real network loses answers.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultRegistry faults, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (faults.Match(context.Request.Method, context.Request.Path.Value ?? "") is not { } fault)
        {
            await next(context);
            return;
        }

        if (!fault.AfterProcessing)
        {
            await ApplyAsync(context, fault, next);
            return;
        }

        var answer = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = answer;
        }

        await ApplyAsync(context, fault, async processed =>
        {
            held.Position = 0;
            await held.CopyToAsync(answer, processed.RequestAborted);
        });
    }

    /// <summary>The fault, then <paramref name="answer"/> unless the fault replaced or lost it.</summary>
    private async Task ApplyAsync(HttpContext context, FaultRule fault, RequestDelegate answer)
    {
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
            if (fault.AfterProcessing)
            {
                context.Response.Clear();
            }

            if (retryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            await ServiceNowError.ForStatus(status).WriteAsync(context);
            return;
        }

        await answer(context);
    }
}
