using SnConnectPortal.Web.Tests.Browser;

namespace SnConnectPortal.Web.Tests.Operations;

/// <summary>
/// The portal started as an administrator starts it (its own process) with a bad setting stops at once, naming the
/// setting. A process rather than WebApplicationFactory: when start-up throws, the factory's deferred host can lose
/// the exception to a race and report an ObjectDisposedException instead.
/// </summary>
public sealed class StartupValidationTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Security:LockoutMinutes", "0", "Security:LockoutMinutes")]
    [InlineData("Security:MaxFailedAccessAttempts", "1000", "Security:MaxFailedAccessAttempts")]
    [InlineData("Security:MinimumPasswordLength", "4", "Security:MinimumPasswordLength")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Database:Provider", "Postgres", "Database:ConnectionString")]
    [InlineData("Outbound:MaxAttempts", "0", "Outbound:MaxAttempts")]
    [InlineData("Outbound:BackoffMaxSeconds", "0.01", "Outbound:BackoffMaxSeconds")]
    [InlineData("Inbound:MaxAttachments", "-1", "Inbound:MaxAttachments")]
    [InlineData("Inbound:AuthAttemptsPerAddressPerMinute", "0", "Inbound:AuthAttemptsPerAddressPerMinute")]
    [InlineData("Inbound:AuthAttemptsPerEndpointPerMinute", "0", "Inbound:AuthAttemptsPerEndpointPerMinute")]
    [InlineData("Inbound:AuthHashQueueLimit", "-1", "Inbound:AuthHashQueueLimit")]
    public async Task Start_WithABadSetting_ExitsNamingTheSetting(string setting, string value, string named)
    {
        var (exitCode, output) = await PortalProcess.RunUntilExitAsync(new Dictionary<string, string> { [setting] = value }, ExitDeadline);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }
}
