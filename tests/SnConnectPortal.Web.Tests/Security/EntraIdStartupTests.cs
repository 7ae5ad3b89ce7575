using SnConnectPortal.Web.Tests.Browser;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>The portal (its own process, as in StartupValidationTests) refuses to start with no way in.</summary>
public sealed class EntraIdStartupTests
{
    [Fact]
    public async Task Start_WithoutLocalAccountsOrEntraId_ExitsNamingTheSetting()
    {
        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["Authentication:LocalAccounts"] = "false" }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Authentication:LocalAccounts is false but section AzureAd is not configured", output, StringComparison.Ordinal);
    }
}
