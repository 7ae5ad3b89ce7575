using System.Net;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>The response headers of the running portal: one real content security policy, secure cookies, HSTS, no server banner.</summary>
public sealed class SecurityHeadersTests
{
    private const string Password = "operator-password-1";

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/connections")]
    [InlineData("/messages")]
    public async Task Pages_SendOnePolicy_SelfOnly_NoEval_NoFraming(string path)
    {
        using var portal = new PortalFactory();
        await portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "op@example.com", Password);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task AntiforgeryCookie_OverHttps_IsSecure()
    {
        using var portal = new PortalFactory();
        await portal.CreateUserAsync("op@example.com", Password, PortalRoles.Operator);
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = false,
        });

        using var response = await client.GetAsync("/account/login");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_IsOneYearWithSubdomains()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://portal.example.com"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync("/health/live");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Hsts_IsASetting()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Security:HstsMaxAgeDays"] = "30",
            ["Security:HstsIncludeSubDomains"] = "false",
        });
        var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example.com") });

        using var response = await client.GetAsync("/health/live");

        Assert.Equal("max-age=2592000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader()
    {
        using var portal = new KestrelPortal();
        using var client = new HttpClient { BaseAddress = portal.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }
}
