using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Configuration;

namespace SnConnectPortal.Sandbox.Control;

/// <summary>
/// Logs every ServiceNow-surface request (not <c>/sandbox/*</c>). The entry is written as the response starts, so a
/// client that has its answer always finds it in the log; hung or dropped requests are logged with status 0.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, SandboxClock clock)
{
    private const string UnansweredKey = "SnConnectPortal.Sandbox.Unanswered";

    public static void MarkUnanswered(HttpContext context, string reason) => context.Items[UnansweredKey] = reason;

    public async Task InvokeAsync(HttpContext context)
    {
        var logged = 0;
        void LogOnce(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                log.Add(new RequestLog.Entry(
                    context.Request.Method,
                    context.Request.Path.Value ?? "",
                    context.Request.QueryString.Value ?? "",
                    status,
                    Caller.Of(context)?.UserName,
                    clock.UtcNow));
            }
        }

        context.Response.OnStarting(() =>
        {
            LogOnce(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            LogOnce(context.Items.ContainsKey(UnansweredKey) || context.RequestAborted.IsCancellationRequested
                ? 0
                : context.Response.StatusCode);
        }
    }
}
