using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Account;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Features.Events;
using SnConnectPortal.Web.Components;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Operations;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Features.TwoFactor;

namespace Microsoft.AspNetCore.Builder;

public static class PortalPipeline
{
    /// <summary>The request pipeline and the portal's endpoints.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        app.WarnIfNotPublished();

        // Only behind configured proxies: otherwise any client could choose the address its sign-ins are throttled by.
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAuthentication();
        app.UseMiddleware<FirstRunRedirectMiddleware>();
        app.UseMiddleware<TwoFactorEnrolmentGate>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapPortalHealth();
        app.MapAccountEndpoints();
        app.MapEntraIdSignIn();
        app.MapSystemsCheck();
        app.MapInboundReceiver();
        app.MapEventsApi();
        app.MapSetupKitDownload();
        app.MapMessageEndpoints();
        // The portal's own policy (UseSecurityHeaders) already has frame-ancestors 'none': Blazor must not add its own header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    /// <summary>
    /// What the UI needs and no more: its own scripts (the Blazor and MudBlazor files, no eval), its own styles plus inline
    /// style attributes (MudBlazor components and Blazor's reconnect dialog set them), images and fonts from itself or
    /// data: URLs, the circuit's WebSocket back to itself, and no framing by anyone.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
