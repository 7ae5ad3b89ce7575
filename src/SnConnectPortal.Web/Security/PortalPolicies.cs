using Microsoft.AspNetCore.Authorization;

namespace SnConnectPortal.Web.Security;

/// <summary>Authorization policies; every page and endpoint names one (the default and the fallback are <see cref="Viewer"/>).</summary>
public static class PortalPolicies
{
    public const string Admin = "Admin";
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static void AddPortalPolicies(this AuthorizationBuilder authorization)
    {
        var viewer = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole(PortalRoles.Admin, PortalRoles.Operator, PortalRoles.Viewer)
            .Build();

        authorization
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin))
            .AddPolicy(Operator, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin, PortalRoles.Operator))
            .AddPolicy(Viewer, viewer)
            .SetDefaultPolicy(viewer)
            .SetFallbackPolicy(viewer);
    }
}
