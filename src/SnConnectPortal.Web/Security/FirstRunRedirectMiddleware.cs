namespace SnConnectPortal.Web.Security;

/// <summary>While no user exists, every page request goes to the "create the first administrator" form.</summary>
public sealed class FirstRunRedirectMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    private static readonly string[] PassThroughPrefixes =
        [SetupPath, "/health", "/_framework", "/_content", "/_blazor", "/assets", "/api"];

    public async Task InvokeAsync(HttpContext context, FirstRunGate gate)
    {
        var path = context.Request.Path;
        var isPageRequest = HttpMethods.IsGet(context.Request.Method)
            && !PassThroughPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            && !Path.HasExtension(path.Value);

        if (isPageRequest && await gate.NeedsFirstAdministratorAsync(context.RequestAborted))
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        await next(context);
    }
}
