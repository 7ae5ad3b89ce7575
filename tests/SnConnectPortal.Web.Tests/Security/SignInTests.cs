using System.Net;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

public sealed class SignInTests : IDisposable
{
    private const string Password = "operator-password-1";
    private readonly PortalFactory _portal = new(new Dictionary<string, string?> { ["Security:MaxFailedAccessAttempts"] = "3" });

    [Fact]
    public async Task SignIn_WithRightPassword_RedirectsToReturnUrlAndOpensPages()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();

        var response = await FormPost.SubmitAsync(client, "/account/login?returnUrl=%2Fmessages", "login", Fields("op@example.com", Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/messages", Redirects.PathOf(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/messages")).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com/")]
    [InlineData("/\\evil.example.com/")]
    public async Task SignIn_WithForeignReturnUrl_StaysOnThePortal(string returnUrl)
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();

        var response = await FormPost.SubmitAsync(client, "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl), "login", Fields("op@example.com", Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Redirects.PathOf(response));
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_SaysSoWithoutSayingWhichPart()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, "op@example.com", "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_AfterRepeatedFailures_LocksTheAccountEvenForTheRightPassword()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await FormPost.SignInAsync(client, "op@example.com", "wrong-password");
        }

        var response = await FormPost.SignInAsync(client, "op@example.com", Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Too many failed attempts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithUnknownUser_LooksLikeAWrongPassword()
    {
        var client = _portal.CreateBrowserLikeClient();
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);

        var response = await FormPost.SignInAsync(client, "nobody@example.com", Password);

        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithOversizedInput_IsRefusedWithAMessage()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();

        var response = await FormPost.SignInAsync(client, new string('a', 5000) + "@example.com", new string('p', 5000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("An email address has at most 256 characters.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRejected()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();
        var form = new Dictionary<string, string>(Fields("op@example.com", Password)) { ["_handler"] = "login" };

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "op@example.com", Password);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/account/login");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRejected()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "op@example.com", Password);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connections")).StatusCode);
    }

    public void Dispose() => _portal.Dispose();

    private static Dictionary<string, string> Fields(string email, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    };
}
