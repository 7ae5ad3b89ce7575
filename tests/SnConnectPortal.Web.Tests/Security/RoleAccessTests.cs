using System.Net;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>Every page's policy is enforced by the server on the HTTP request, not by hiding links.</summary>
public sealed class RoleAccessTests : IClassFixture<RoleAccessTests.SignedInPortal>
{
    private readonly SignedInPortal _portal;

    public RoleAccessTests(SignedInPortal portal) => _portal = portal;

    public static TheoryData<string, string, bool> Access => new()
    {
        { PortalRoles.Admin, "/connections", true },
        { PortalRoles.Admin, "/messages", true },
        { PortalRoles.Admin, "/directory", true },
        { PortalRoles.Admin, "/admin/users", true },
        { PortalRoles.Admin, "/admin/audit", true },
        { PortalRoles.Admin, "/admin/settings", true },
        { PortalRoles.Operator, "/connections", true },
        { PortalRoles.Operator, "/messages", true },
        { PortalRoles.Operator, "/directory", true },
        { PortalRoles.Operator, "/admin/users", false },
        { PortalRoles.Operator, "/admin/audit", false },
        { PortalRoles.Operator, "/admin/settings", false },
        { PortalRoles.Viewer, "/connections", true },
        { PortalRoles.Viewer, "/messages", true },
        { PortalRoles.Viewer, "/directory", true },
        { PortalRoles.Viewer, "/admin/users", false },
        { PortalRoles.Viewer, "/admin/audit", false },
        { PortalRoles.Viewer, "/admin/settings", false },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Page_ForRole_IsServedOnlyWhenThePolicyAllows(string role, string path, bool allowed)
    {
        var response = await _portal.Clients[role].GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", Redirects.PathOf(response), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/connections")]
    [InlineData("/admin/users")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/settings")]
    public async Task Page_ForAnonymousVisitor_RedirectsToSignIn(string path)
    {
        var response = await _portal.Anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", Redirects.PathOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWithoutRole_IsRefusedEverywhere()
    {
        var response = await _portal.Clients[""].GetAsync("/connections");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", Redirects.PathOf(response), StringComparison.Ordinal);
    }

    /// <summary>One portal with a signed-in client per role (and one for a user with no role at all).</summary>
    public sealed class SignedInPortal : IAsyncLifetime
    {
        private readonly PortalFactory _factory = new();

        public Dictionary<string, HttpClient> Clients { get; } = [];

        public HttpClient Anonymous { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await _factory.CreateUserAsync("bootstrap-admin@example.com", "bootstrap-password", PortalRoles.Admin);
            foreach (var role in PortalRoles.All.Append(""))
            {
                var email = $"{(role.Length == 0 ? "norole" : role.ToLowerInvariant())}@example.com";
                if (role.Length == 0)
                {
                    await _factory.CreateUserWithoutRoleAsync(email, "role-password-1");
                }
                else
                {
                    await _factory.CreateUserAsync(email, "role-password-1", role);
                }

                var client = _factory.CreateBrowserLikeClient();
                var signIn = await FormPost.SignInAsync(client, email, "role-password-1");
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                Clients[role] = client;
            }

            Anonymous = _factory.CreateBrowserLikeClient();
        }

        public Task DisposeAsync()
        {
            _factory.Dispose();
            return Task.CompletedTask;
        }
    }
}
