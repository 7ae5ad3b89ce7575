using System.Security.Claims;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>Who may do what with imported users and mappings; the services check these, whatever the page shows.</summary>
public static class DirectoryRoles
{
    /// <summary>Import users, create and import hub users, map and unmap.</summary>
    public static bool CanChange(ClaimsPrincipal actor) => actor.IsInRole(PortalRoles.Admin) || actor.IsInRole(PortalRoles.Operator);

    /// <summary>See users, mappings and runs, export.</summary>
    public static bool CanView(ClaimsPrincipal actor) => PortalRoles.All.Any(actor.IsInRole);

    public static string NameOf(ClaimsPrincipal actor) => actor.Identity?.Name ?? "unknown";

    public const string NotAllowed = "Only an Admin or an Operator can import and map users.";
}
