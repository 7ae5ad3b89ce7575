using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Configuration;

namespace SnConnectPortal.Sandbox.Control;

/// <summary>Logs every ServiceNow-surface request (not <c>/sandbox/*</c>); hung or dropped requests log status 0.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, SandboxClock clock)
{
    private const string UnansweredKey = "SnConnectPortal.Sandbox.Unanswered";

    public static void MarkUnanswered(HttpContext context, string reason) => context.Items[UnansweredKey] = reason;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Items.ContainsKey(UnansweredKey) ? 0 : context.Response.StatusCode;
            log.Add(new RequestLog.Entry(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                status,
                Caller.Of(context)?.UserName,
                clock.UtcNow));
        }
    }
}
