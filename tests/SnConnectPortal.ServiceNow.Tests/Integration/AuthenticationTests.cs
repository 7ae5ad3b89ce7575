using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class AuthenticationTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    private static readonly TableQuery OneUser = TableQuery.All with { PageSize = 1 };

    [Theory]
    [InlineData(ServiceNowAuthMode.Basic)]
    [InlineData(ServiceNowAuthMode.OAuthPassword)]
    [InlineData(ServiceNowAuthMode.OAuthRefreshToken)]
    [InlineData(ServiceNowAuthMode.OAuthClientCredentials)]
    public async Task QueryPage_EachAuthMode_Succeeds(ServiceNowAuthMode mode)
    {
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true }, Ct);
        var refreshToken = mode == ServiceNowAuthMode.OAuthRefreshToken ? await Host.IssueRefreshTokenAsync(Ct) : null;
        var client = Host.Client(Host.Settings(mode, refreshToken));

        var page = await client.QueryPageAsync("sys_user", OneUser, 0, Ct);

        Assert.Equal(200, page.Response.StatusCode);
        Assert.Single(page.Records);
        Assert.True(page.Response.TotalCount >= 4);
    }

    public static TheoryData<ServiceNowAuthMode, string> WrongSecrets => new()
    {
        { ServiceNowAuthMode.Basic, "password" },
        { ServiceNowAuthMode.OAuthPassword, "password" },
        { ServiceNowAuthMode.OAuthPassword, "clientSecret" },
        { ServiceNowAuthMode.OAuthRefreshToken, "refreshToken" },
        { ServiceNowAuthMode.OAuthClientCredentials, "clientSecret" },
    };

    [Theory]
    [MemberData(nameof(WrongSecrets))]
    public async Task QueryPage_WrongSecret_FailsUnauthorizedWithRemedy(ServiceNowAuthMode mode, string wrong)
    {
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true }, Ct);
        var settings = Host.Settings(mode, refreshToken: "not-a-refresh-token");
        settings = wrong switch
        {
            "password" => settings with { Password = "wrong-password-123" },
            "clientSecret" => settings with { ClientSecret = "wrong-client-secret-123" },
            _ => settings,
        };
        var client = Host.Client(settings);

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", OneUser, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Unauthorized, failure.Kind);
        Assert.Equal(401, failure.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Error.Remedy));
    }

    [Fact]
    public async Task QueryPage_LockedOutUser_FailsUnauthorized()
    {
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.Basic) with { UserName = "snc.locked", Password = "snc-locked-pw" });

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", OneUser, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Unauthorized, failure.Kind);
        Assert.Contains("Locked out", failure.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPage_ClientCredentialsGrantDisabled_RemedyNamesTheProperty()
    {
        var client = Host.Client(ServiceNowAuthMode.OAuthClientCredentials);

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", OneUser, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Unauthorized, failure.Kind);
        Assert.Contains("glide.oauth.inbound.client.credential.grant_type.enabled", failure.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPage_AccessTokenExpiresMidRun_IsRefreshedTransparently()
    {
        await Sandbox.ConfigureAsync(new { accessTokenLifetimeSeconds = 2 }, Ct);
        var client = Host.Client(ServiceNowAuthMode.OAuthPassword);
        var reads = 0;

        await Poll.UntilAsync(
            async () =>
            {
                await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
                reads++;
                return Host.Logs.Count("(RefreshToken)") >= 2;
            },
            TimeSpan.FromSeconds(20),
            "two refresh-token grants while reading");

        Assert.Equal(1, Host.Logs.Count("(Password)"));
        Assert.True(reads > 2);
    }

    [Fact]
    public async Task QueryPage_CachedTokenRevokedByReset_SignsInAgainOnce()
    {
        var client = Host.Client(ServiceNowAuthMode.OAuthClientCredentials);
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true }, Ct);
        await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
        await Sandbox.ResetAsync(Ct);
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true }, Ct);

        var page = await client.QueryPageAsync("sys_user", OneUser, 0, Ct);

        Assert.Single(page.Records);
        Assert.Equal(1, Host.Logs.Count("rejected the cached access token"));
        Assert.Equal(2, Host.Logs.Count("(ClientCredentials)"));
    }

    [Fact]
    public async Task QueryPage_ExpiredRefreshTokenInRefreshTokenMode_FailsWithClearRemedy()
    {
        await Sandbox.ConfigureAsync(new { refreshTokenLifetimeSeconds = 1 }, Ct);
        var refreshToken = await Host.IssueRefreshTokenAsync(Ct);
        await Poll.UntilAsync(async () => !await Host.RefreshTokenAcceptedAsync(refreshToken, Ct), TimeSpan.FromSeconds(15), "refresh token expiry");
        var client = Host.Client(Host.Settings(ServiceNowAuthMode.OAuthRefreshToken, refreshToken));

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => client.QueryPageAsync("sys_user", OneUser, 0, Ct));

        Assert.Equal(ServiceNowErrorKind.Unauthorized, failure.Kind);
        Assert.Contains("refresh token was rejected", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Refresh Token Lifespan", failure.Error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryPage_PasswordModeWithExpiredRefreshToken_FallsBackToPasswordGrant()
    {
        await Sandbox.ConfigureAsync(new { accessTokenLifetimeSeconds = 1, refreshTokenLifetimeSeconds = 1 }, Ct);
        var client = Host.Client(ServiceNowAuthMode.OAuthPassword);

        await Poll.UntilAsync(
            async () =>
            {
                await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
                return Host.Logs.Count("signing in with the password grant again") >= 1;
            },
            TimeSpan.FromSeconds(20),
            "a rejected refresh token followed by a password grant");

        var page = await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
        Assert.Single(page.Records);
    }
}
