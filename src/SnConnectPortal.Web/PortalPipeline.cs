using SnConnectPortal.Web.Account;
using SnConnectPortal.Web.Components;
using SnConnectPortal.Web.Inbound;
using SnConnectPortal.Web.Messages;
using SnConnectPortal.Web.Operations;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.SystemsCheck;

namespace Microsoft.AspNetCore.Builder;

public static class PortalPipeline
{
    /// <summary>The request pipeline and the portal's endpoints.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseMiddleware<FirstRunRedirectMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapSystemsCheck();
        app.MapInboundReceiver();
        app.MapMessageEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
