using System.Security.Claims;

namespace SnConnectPortal.Web.Tests.Infrastructure;

/// <summary>A signed-in user with one role, as the services see it (no HTTP, no cookie).</summary>
public static class TestPrincipal
{
    public static ClaimsPrincipal Of(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}
