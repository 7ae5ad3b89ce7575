using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

public sealed class SignInTests : IDisposable
{
    private const string Password = "operator-password-1";
    private const string Refusal = "Wrong email or password. An account also refuses sign-in for 15 minutes after 3 failed attempts in a row, and while an administrator has disabled it.";

    // The per-address throttle is raised here so these tests reach the account lockout; the throttle's own tests set it low.
    private readonly PortalFactory _portal = new(new Dictionary<string, string?>
    {
        ["Security:MaxFailedAccessAttempts"] = "3",
        ["Security:SignInFailuresPerAddress"] = "50",
    });

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
        Assert.Equal(Refusal, await LoginErrorAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongUnknownLockedAndDisabled_AllGetTheSameAnswer()
    {
        await _portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var locked = await _portal.CreateUserAsync("locked@example.com", Password, PortalRoles.Operator);
        var disabled = await _portal.CreateUserAsync("disabled@example.com", Password, PortalRoles.Operator);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "locked@example.com", "wrong-password");
        }

        await using (var scope = _portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(locked.Id))!));
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(disabled.Id))!, DateTimeOffset.MaxValue);
        }

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var (email, password) in new[]
        {
            ("op@example.com", "wrong-password"),
            ("nobody@example.com", "wrong-password"),
            ("locked@example.com", "wrong-password"),
            ("locked@example.com", Password),
            ("disabled@example.com", Password),
        })
        {
            var response = await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), email, password);
            answers.Add((response.StatusCode, await LoginErrorAsync(response)));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.OK, Refusal), answer));
    }

    [Fact]
    public async Task SignIn_PerAddressThrottle_EngagesBeforeTheAccountLocks_AndForwardedForDoesNotEscapeIt()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Security:MaxFailedAccessAttempts"] = "5",
            ["Security:SignInFailuresPerAddress"] = "3",
            ["Security:SignInFailureWindowMinutes"] = "10",
        });
        var admin = await portal.CreateUserAsync("admin@example.com", Password, PortalRoles.Admin);
        var client = portal.CreateBrowserLikeClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await FormPost.SignInAsync(client, "admin@example.com", "wrong-password")).StatusCode);
        }

        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.77");
        var throttled = await FormPost.SignInAsync(client, "admin@example.com", "wrong-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.InRange(retryAfter ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal("Too many failed sign-ins from your network address. Try again in 10 minutes.", await LoginErrorAsync(throttled));
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var stored = (await users.FindByIdAsync(admin.Id))!;
        Assert.False(await users.IsLockedOutAsync(stored));
        Assert.Equal(3, await users.GetAccessFailedCountAsync(stored));
    }

    [Fact]
    public async Task SignIn_SuccessfulSignIns_DoNotCountTowardsTheAddressThrottle()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Security:SignInFailuresPerAddress"] = "2" });
        await portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            answers.Add((await FormPost.SignInAsync(portal.CreateBrowserLikeClient(), "op@example.com", Password)).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Redirect, status));
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

    private static async Task<string> LoginErrorAsync(HttpResponseMessage response)
    {
        var error = Regex.Match(await response.Content.ReadAsStringAsync(), "data-testid=\"login-error\">([^<]*)<");
        Assert.True(error.Success, "The page shows no sign-in error.");
        return WebUtility.HtmlDecode(error.Groups[1].Value);
    }
}
