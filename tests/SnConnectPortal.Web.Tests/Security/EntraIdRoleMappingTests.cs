using System.Security.Claims;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Security;

public sealed class EntraIdRoleMappingTests
{
    private const string OperatorsGroup = "5b0f7c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b";

    [Theory]
    [InlineData(new[] { "Portal.Viewer" }, PortalRoles.Viewer)]
    [InlineData(new[] { "Portal.Operator" }, PortalRoles.Operator)]
    [InlineData(new[] { "Portal.Viewer", "Portal.Admin", "Portal.Operator" }, PortalRoles.Admin)]
    [InlineData(new[] { "Portal.Viewer", "Portal.Operator" }, PortalRoles.Operator)]
    [InlineData(new[] { "Some.OtherApp.Role" }, null)]
    [InlineData(new string[0], null)]
    public void PortalRoleOf_AppRoles_GivesTheHighest(string[] appRoles, string? expected) =>
        Assert.Equal(expected, new EntraIdRoleMapping().PortalRoleOf(Principal(appRoles.Select(r => new Claim("roles", r)))));

    [Fact]
    public void PortalRoleOf_RolesMappedByMicrosoftIdentityWeb_Count() =>
        Assert.Equal(PortalRoles.Operator, new EntraIdRoleMapping().PortalRoleOf(Principal([new Claim(ClaimTypes.Role, "Portal.Operator")])));

    [Fact]
    public void PortalRoleOf_ConfiguredGroup_GivesItsRole_AboveALowerAppRole()
    {
        var mapping = new EntraIdRoleMapping();
        mapping.OperatorGroups.Add(OperatorsGroup);

        var role = mapping.PortalRoleOf(Principal([new Claim("roles", "Portal.Viewer"), new Claim("groups", OperatorsGroup.ToUpperInvariant())]));

        Assert.Equal(PortalRoles.Operator, role);
    }

    [Fact]
    public void PortalRoleOf_ConfiguredAppRoleNames_ReplaceTheDefaults()
    {
        var mapping = new EntraIdRoleMapping { AdminAppRole = "SnConnect.Administrators" };

        Assert.Equal(PortalRoles.Admin, mapping.PortalRoleOf(Principal([new Claim("roles", "SnConnect.Administrators")])));
        Assert.Null(mapping.PortalRoleOf(Principal([new Claim("roles", "Portal.Admin")])));
    }

    private static ClaimsPrincipal Principal(IEnumerable<Claim> claims) => new(new ClaimsIdentity(claims, "test"));
}
