using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>
/// The periodic security stamp check rebuilds the signed-in principal from the database; how the user signed in must
/// survive it, or a user who signed in with a second factor would be sent to enrol again a minute later.
/// </summary>
public sealed class SecurityStampRefreshTests
{
    [Fact]
    public async Task RefreshedPrincipal_KeepsTheSecondFactorAndTheSignInMethod_AndNothingElseOfTheOldOne()
    {
        await using var factory = new PortalFactory();
        var options = factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var current = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("amr", "mfa"), new Claim(ClaimTypes.AuthenticationMethod, "EntraId"), new Claim(ClaimTypes.Role, "Admin")], "Identity.Application"));
        var rebuilt = new ClaimsIdentity([new Claim(ClaimTypes.Role, "Viewer")], "Identity.Application");
        var context = new SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = new ClaimsPrincipal(rebuilt) };

        await options.OnRefreshingPrincipal!(context);

        Assert.True(context.NewPrincipal.HasClaim("amr", "mfa"));
        Assert.Equal("EntraId", context.NewPrincipal.FindFirstValue(ClaimTypes.AuthenticationMethod));
        Assert.Equal(["Viewer"], context.NewPrincipal.FindAll(ClaimTypes.Role).Select(c => c.Value));
    }
}
