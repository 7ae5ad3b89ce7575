using System.Security.Claims;
using Bunit;
using SnConnectPortal.Web.Components.Layout;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Tests.Components;

public sealed class NavMenuTests : PortalComponentTest
{
    [Fact]
    public void LocalAccount_IsOfferedTwoFactorSignIn()
    {
        Context.AddAuthorization().SetAuthorized("vera@example.com").SetRoles(PortalRoles.Viewer);

        var menu = Context.Render<NavMenu>();

        Assert.Contains("Two-factor sign-in", menu.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedInWithEntraId_IsNotOfferedThePortalsSecondFactor()
    {
        Context.AddAuthorization().SetAuthorized("vera@contoso.example").SetRoles(PortalRoles.Viewer)
            .SetClaims(new Claim(ClaimTypes.AuthenticationMethod, EntraIdSignIn.LoginProvider));

        var menu = Context.Render<NavMenu>();

        Assert.DoesNotContain("Two-factor sign-in", menu.Markup, StringComparison.Ordinal);
        Assert.Contains("Messages", menu.Markup, StringComparison.Ordinal);
    }
}
