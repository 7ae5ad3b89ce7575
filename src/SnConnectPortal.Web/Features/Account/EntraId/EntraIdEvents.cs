using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// What the portal adds to Microsoft.Identity.Web's OpenID Connect handling: a token must come from the configured
/// tenant (its <c>tid</c>, besides its issuer), and any refused answer ends on the refusal page instead of an error page.
/// </summary>
internal static class EntraIdEvents
{
    public static void Apply(OpenIdConnectEvents events, string tenantId)
    {
        var tokenValidated = events.OnTokenValidated;
        events.OnTokenValidated = async context =>
        {
            var principal = context.Principal;
            var tokenTenant = principal?.GetTenantId();
            if (!string.Equals(tokenTenant, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                var auditLog = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                var userName = principal?.FindFirst("preferred_username")?.Value ?? "unknown";
                await auditLog.WriteAsync(userName, "user.sign-in-refused", "PortalUser", null,
                    new { email = userName, reason = "OtherTenant", tenantId = tokenTenant, objectId = principal?.GetObjectId() }, context.HttpContext.RequestAborted);
                context.Fail($"The token is for tenant '{tokenTenant}', not the configured tenant.");
                return;
            }

            await tokenValidated(context);
        };

        events.OnRemoteFailure = context =>
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EntraIdEvents));
            logger.LogWarning("Microsoft sign-in refused: {Reason}", context.Failure?.Message);
            context.Response.Redirect(EntraIdEndpoints.RefusalPage(EntraIdRefusal.NotAccepted));
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
