using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Auth;

public sealed class OAuthTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string DeniedBody = """{"error_description":"access_denied","error":"server_error"}""";

    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task PasswordGrant_ReturnsServiceNowTokenBody()
    {
        await Sandbox.ResetAsync();

        using var response = await TokenAsync(PasswordGrant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["scope", "token_type", "expires_in", "refresh_token", "access_token"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("useraccount", body.GetProperty("scope").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(1799, body.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task PasswordGrant_Repeated_ReturnsTheSameTokenWhileValid()
    {
        await Sandbox.ResetAsync();

        var first = await (await TokenAsync(PasswordGrant())).ReadJsonAsync();
        var second = await (await TokenAsync(PasswordGrant())).ReadJsonAsync();

        Assert.Equal(first.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        Assert.Equal(first.GetProperty("refresh_token").GetString(), second.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task BearerToken_AuthenticatesTableCalls()
    {
        await Sandbox.ResetAsync();
        var token = (await (await TokenAsync(PasswordGrant())).ReadJsonAsync()).GetProperty("access_token").GetString();
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Accept", "application/json");

        using var ok = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var refused = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task RefreshTokenGrant_ReturnsAnAccessToken()
    {
        await Sandbox.ResetAsync();
        var first = await (await TokenAsync(PasswordGrant())).ReadJsonAsync();

        using var response = await TokenAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "snc-portal", ["client_secret"] = "snc-portal-secret",
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.ReadJsonAsync()).GetProperty("access_token").GetString()));
    }

    [Theory]
    [InlineData("snc-portal", "wrong-secret", "snc.integration", "snc-integration-pw")]
    [InlineData("other-client", "snc-portal-secret", "snc.integration", "snc-integration-pw")]
    [InlineData("snc-portal", "snc-portal-secret", "snc.integration", "wrong")]
    [InlineData("snc-portal", "snc-portal-secret", "snc.locked", "snc-locked-pw")]
    public async Task FailedGrants_Get401AccessDenied(string clientId, string secret, string user, string password)
    {
        await Sandbox.ResetAsync();

        using var response = await TokenAsync(PasswordGrant(clientId, secret, user, password));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(DeniedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExpiredRefreshToken_Gets401AccessDenied()
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { refreshTokenLifetimeSeconds = 1 });
        var first = await (await TokenAsync(PasswordGrant())).ReadJsonAsync();
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "snc-portal", ["client_secret"] = "snc-portal-secret",
            ["refresh_token"] = first.GetProperty("refresh_token").GetString()!,
        };

        var status = await Poll.UntilAsync(async () =>
        {
            using var response = await TokenAsync(refresh);
            return response.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the refresh token to expire");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task ShortAccessTokenLifetime_ExpiresTheToken()
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { accessTokenLifetimeSeconds = 1 });
        var body = await (await TokenAsync(PasswordGrant())).ReadJsonAsync();
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Add("Accept", "application/json");

        var status = await Poll.UntilAsync(async () =>
        {
            using var response = await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"));
            return response.StatusCode;
        }, s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the access token to expire");

        Assert.Equal(1, body.GetProperty("expires_in").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task ClientCredentials_IsRefusedUntilEnabled_ThenActsAsTheApplicationUser()
    {
        await Sandbox.ResetAsync();
        var grant = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "snc-portal", ["client_secret"] = "snc-portal-secret",
        };

        using var refused = await TokenAsync(grant);
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true });
        using var allowed = await TokenAsync(grant);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(DeniedBody, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var body = await allowed.ReadJsonAsync();
        Assert.False(body.TryGetProperty("refresh_token", out _));
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        using (await client.GetAsync(ServiceNowCalls.Relative("api/now/table/incident"))) { }
        var requests = await Sandbox.GetRequestsAsync();
        Assert.Equal("snc.integration", requests[requests.GetArrayLength() - 1].GetProperty("user").GetString());
    }

    [Fact]
    public async Task PasswordGrantDisabled_RefusesThePasswordGrant()
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { passwordGrantDisabled = true });

        using var response = await TokenAsync(PasswordGrant());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(DeniedBody, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("password")]
    [InlineData("client_credentials")]
    public async Task ClientAuthenticatedByHttpBasic_GetsAToken(string grantType)
    {
        await Sandbox.ResetAsync();
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true });
        var form = new Dictionary<string, string> { ["grant_type"] = grantType };
        if (grantType == "password")
        {
            form["username"] = "snc.integration";
            form["password"] = "snc-integration-pw";
        }

        using var response = await TokenAsync(form, new AuthenticationHeaderValue("Basic", "c25jLXBvcnRhbDpzbmMtcG9ydGFsLXNlY3JldA=="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.ReadJsonAsync()).GetProperty("access_token").GetString()));
    }

    [Theory]
    [InlineData("c25jLXBvcnRhbDp3cm9uZw==", false)] // snc-portal:wrong
    [InlineData("bm8tY29sb24=", false)] // no-colon
    [InlineData("c25jLXBvcnRhbDpzbmMtcG9ydGFsLXNlY3JldA==", true)] // right, but the body names the client too
    public async Task ClientAuthenticatedByHttpBasic_WrongOrTwice_Gets401(string basic, bool alsoInBody)
    {
        await Sandbox.ResetAsync();
        var form = PasswordGrant();
        if (!alsoInBody)
        {
            form.Remove("client_id");
            form.Remove("client_secret");
        }

        using var response = await TokenAsync(form, new AuthenticationHeaderValue("Basic", basic));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(DeniedBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task JsonBody_IsRefused()
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };

        using var response = await client.PostAsync(ServiceNowCalls.Relative("oauth_token.do"),
            ServiceNowCalls.Json(JsonSerializer.Serialize(PasswordGrant())));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Dictionary<string, string> PasswordGrant(
        string clientId = "snc-portal", string secret = "snc-portal-secret",
        string user = "snc.integration", string password = "snc-integration-pw") => new()
    {
        ["grant_type"] = "password", ["client_id"] = clientId, ["client_secret"] = secret,
        ["username"] = user, ["password"] = password,
    };

    private async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null)
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = authorization;
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(ServiceNowCalls.Relative("oauth_token.do"), content);
    }
}
