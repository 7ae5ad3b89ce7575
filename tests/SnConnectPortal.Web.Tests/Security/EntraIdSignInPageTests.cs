using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>What the sign-in pages offer with Entra ID configured, with local accounts on (the default) and off.</summary>
public sealed class EntraIdSignInPageTests
{
    // Nothing listens there: these tests never leave the portal.
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    [Fact]
    public async Task SignInPage_WithLocalAccounts_OffersMicrosoftAndThePasswordForm()
    {
        using var portal = Portal(localAccounts: true);
        await portal.CreateUserAsync("ada@example.com", "ada-admin-password", "Admin");
        var client = portal.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/account/login?returnUrl=%2Fmessages");

        Assert.Contains("Sign in with Microsoft", html, StringComparison.Ordinal);
        Assert.Contains("href=\"account/login/microsoft?returnUrl=%2Fmessages\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"password\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_WithoutLocalAccounts_OffersOnlyMicrosoft_AndNoFirstRunSetup()
    {
        using var portal = Portal(localAccounts: false);
        var client = portal.CreateBrowserLikeClient();

        var home = await client.GetAsync("/");
        var setup = await client.GetAsync("/setup");
        var html = await client.GetStringAsync("/account/login");

        Assert.StartsWith("/account/login", Redirects.PathOf(home), StringComparison.Ordinal);
        Assert.StartsWith("/account/login", Redirects.PathOf(setup), StringComparison.Ordinal);
        Assert.Contains("Sign in with Microsoft", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"password\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordSignIn_WithoutLocalAccounts_IsRefused()
    {
        using var portal = Portal(localAccounts: false);
        await portal.CreateUserAsync("ada@example.com", "ada-admin-password", "Admin");
        var client = portal.CreateBrowserLikeClient();
        var (cookie, token) = AntiforgeryTokens(portal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.Email"] = "ada@example.com",
                ["Input.Password"] = "ada-admin-password",
            }),
        };
        request.Headers.Add("Cookie", cookie);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task MicrosoftSignIn_WhenNotConfigured_IsNotThere()
    {
        using var portal = new PortalFactory();
        await portal.CreateUserAsync("ada@example.com", "ada-admin-password", "Admin");
        var client = portal.CreateBrowserLikeClient();

        var html = await client.GetStringAsync("/account/login");
        var challenge = await client.GetAsync("/account/login/microsoft");

        Assert.DoesNotContain("Sign in with Microsoft", html, StringComparison.Ordinal);
        // No such endpoint: like any unknown address asked for signed out, back to the sign-in page.
        Assert.StartsWith("/account/login?ReturnUrl=", Redirects.PathOf(challenge), StringComparison.Ordinal);
    }

    private static PortalFactory Portal(bool localAccounts) =>
        new(EntraIdPortalSettings.For(Nowhere, EntraIdPortalSettings.TenantId, localAccounts).ToDictionary(s => s.Key, s => (string?)s.Value));

    // The sign-in page has no form to take a token from when local accounts are off: made as the portal makes them.
    private static (string Cookie, string RequestToken) AntiforgeryTokens(PortalFactory portal)
    {
        var context = new DefaultHttpContext { RequestServices = portal.Services };
        var tokens = portal.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var cookieName = portal.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        return ($"{cookieName}={tokens.CookieToken}", tokens.RequestToken!);
    }
}
