using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class SecretLoggingTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    private const string GrantLogged = "granted an OAuth access token";
    private const string WrongPassword = "wrong-password-9f3a";
    private const string WrongSecret = "wrong-secret-77c1";
    private static readonly TableQuery OneUser = TableQuery.All with { PageSize = 1 };

    [Fact]
    public async Task EveryAuthMode_SuccessRetryReauthAndFailure_LogsNoSecretOrToken()
    {
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true, accessTokenLifetimeSeconds = 1 }, Ct);
        var refreshToken = await Host.IssueRefreshTokenAsync(Ct);
        foreach (var mode in Enum.GetValues<ServiceNowAuthMode>())
        {
            var settings = Host.Settings(mode, refreshToken);
            await Sandbox.AddFaultAsync(new { pathPrefix = "/api/now/table/sys_user", method = "GET", status = 503, count = 1 }, Ct);
            var client = Host.Client(settings);
            await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
            var grantsSoFar = Host.Logs.Count(GrantLogged);
            await Poll.UntilAsync(async () =>
            {
                await client.QueryPageAsync("sys_user", OneUser, 0, Ct);
                return mode == ServiceNowAuthMode.Basic || Host.Logs.Count(GrantLogged) > grantsSoFar;
            }, TimeSpan.FromSeconds(15), $"a renewed token for {mode}");
            var wrong = Host.Client(settings with { Password = settings.Password is null ? null : WrongPassword, ClientSecret = settings.ClientSecret is null ? null : WrongSecret });
            await Assert.ThrowsAsync<ServiceNowException>(() => wrong.QueryPageAsync("sys_user", OneUser, 0, Ct));
        }

        var logged = Host.Logs.AllText;
        string[] secrets = [ServiceNowTestHost.IntegrationPassword, ServiceNowTestHost.ClientSecret, WrongPassword, WrongSecret, .. Host.SentSecrets];

        Assert.True(Host.SentSecrets.Count >= 6, "the recorder saw the credentials and tokens that were sent");
        Assert.Contains("503 Service Unavailable", logged, StringComparison.Ordinal);
        Assert.Contains("Unauthorized", logged, StringComparison.Ordinal);
        Assert.All(secrets.Distinct(), secret => Assert.DoesNotContain(secret, logged, StringComparison.Ordinal));
    }
}
