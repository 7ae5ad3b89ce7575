using System.Security.Claims;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>Who may do what with connections; the services check these, whatever the page shows.</summary>
public static class ConnectionRoles
{
    /// <summary>Create, edit, disable, enable, activate, delete; see credentials.</summary>
    public static bool CanManage(ClaimsPrincipal actor) => actor.IsInRole(PortalRoles.Admin);

    /// <summary>Run checks.</summary>
    public static bool CanOperate(ClaimsPrincipal actor) => actor.IsInRole(PortalRoles.Admin) || actor.IsInRole(PortalRoles.Operator);

    /// <summary>Run the Systems Check and read its runs from the monitoring API: Operators, Admins and <c>monitor:read</c> keys.</summary>
    public static bool CanMonitor(ClaimsPrincipal actor) => CanOperate(actor) || actor.HasApiKeyScope(ApiKeyScopes.MonitorRead);

    /// <summary>See connections (never their credentials).</summary>
    public static bool CanView(ClaimsPrincipal actor) => PortalRoles.All.Any(actor.IsInRole);

    public static string NameOf(ClaimsPrincipal actor) => actor.Identity?.Name ?? "unknown";
}
