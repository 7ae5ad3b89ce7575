using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

public sealed class FirstRunTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task AnyPage_WithNoUsers_RedirectsToSetup()
    {
        var client = _portal.CreateBrowserLikeClient();

        var response = await client.GetAsync("/connections");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", Redirects.PathOf(response));
    }

    [Fact]
    public async Task Setup_WithNoUsers_CreatesAdministratorAndSignsIn()
    {
        var client = _portal.CreateBrowserLikeClient();

        var response = await SubmitSetupAsync(client, "first@example.com");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Redirects.PathOf(response));
        var connections = await client.GetAsync("/connections");
        Assert.Equal(HttpStatusCode.OK, connections.StatusCode);
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var admin = await users.FindByEmailAsync("first@example.com");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, PortalRoles.Admin));
    }

    [Fact]
    public async Task Setup_OnceAUserExists_IsNoLongerOffered()
    {
        await _portal.CreateUserAsync("existing@example.com", "existing-password-1", PortalRoles.Viewer);
        var client = _portal.CreateBrowserLikeClient();

        var setup = await client.GetAsync("/setup");
        var root = await client.GetAsync("/connections");

        Assert.Equal(HttpStatusCode.Redirect, setup.StatusCode);
        Assert.StartsWith("/account/login", Redirects.PathOf(setup), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Redirects.PathOf(root), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_PostedAfterFirstAdministrator_CreatesNoSecondAdministrator()
    {
        var first = _portal.CreateBrowserLikeClient();
        var intruder = _portal.CreateBrowserLikeClient();
        var intruderToken = await FormPost.AntiforgeryTokenFromAsync(intruder, "/setup");
        await SubmitSetupAsync(first, "first@example.com");

        var response = await intruder.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = intruderToken,
            ["Input.Email"] = "intruder@example.com",
            ["Input.Password"] = "intruder-password-1",
            ["Input.ConfirmPassword"] = "intruder-password-1",
        }));

        // Refused either way: redirected to sign-in, or 400 because the setup form is no longer rendered.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.BadRequest });
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Null(await users.FindByEmailAsync("intruder@example.com"));
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-password", "long-enough-password", "Enter a valid email address")]
    [InlineData("a@example.com", "long-enough-password", "different-password!!", "The two passwords differ")]
    [InlineData("a@example.com", "short", "short", "Passwords must be at least 12 characters")]
    public async Task Setup_WithBadInput_ExplainsAndCreatesNothing(string email, string password, string confirm, string expected)
    {
        var client = _portal.CreateBrowserLikeClient();

        var response = await FormPost.SubmitAsync(client, "/setup", "setup", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = _portal.Services.CreateAsyncScope();
        Assert.Empty(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().Users);
    }

    public void Dispose() => _portal.Dispose();

    private static Task<HttpResponseMessage> SubmitSetupAsync(HttpClient client, string email) =>
        FormPost.SubmitAsync(client, "/setup", "setup", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "First Admin",
            ["Input.Email"] = email,
            ["Input.Password"] = "first-admin-password",
            ["Input.ConfirmPassword"] = "first-admin-password",
        });
}
