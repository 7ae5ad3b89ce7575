using System.Security.Claims;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// Which app roles (the token's <c>roles</c>) and which groups (object ids in the token's <c>groups</c>) give which
/// portal role (section <c>Authentication:EntraId</c>). A user with several gets the highest.
/// </summary>
public sealed class EntraIdRoleMapping
{
    public string AdminAppRole { get; set; } = "Portal.Admin";

    public string OperatorAppRole { get; set; } = "Portal.Operator";

    public string ViewerAppRole { get; set; } = "Portal.Viewer";

    public List<string> AdminGroups { get; } = [];

    public List<string> OperatorGroups { get; } = [];

    public List<string> ViewerGroups { get; } = [];

    public IReadOnlyList<string> AppRoles => [AdminAppRole, OperatorAppRole, ViewerAppRole];

    /// <summary>The highest portal role the principal's app roles or groups give; null when they give none.</summary>
    public string? PortalRoleOf(ClaimsPrincipal principal)
    {
        // Microsoft.Identity.Web maps "roles" to ClaimTypes.Role; either spelling counts.
        var appRoles = principal.FindAll(c => c.Type is "roles" or ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var groups = principal.FindAll("groups").Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Gives(string appRole, List<string> groupIds) => appRoles.Contains(appRole) || groupIds.Any(groups.Contains);

        return Gives(AdminAppRole, AdminGroups) ? PortalRoles.Admin
            : Gives(OperatorAppRole, OperatorGroups) ? PortalRoles.Operator
            : Gives(ViewerAppRole, ViewerGroups) ? PortalRoles.Viewer
            : null;
    }
}
