using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Operations;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Security:LockoutMinutes", "0")]
    [InlineData("Security:MaxFailedAccessAttempts", "1000")]
    [InlineData("Security:MinimumPasswordLength", "4")]
    [InlineData("Database:Provider", "Oracle")]
    [InlineData("Outbound:MaxAttempts", "0")]
    [InlineData("Outbound:BackoffMaxSeconds", "0.01")]
    public void Start_WithABadSetting_FailsNamingTheSetting(string setting, string value)
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { [setting] = value });

        var failure = Record.Exception(() => portal.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains(setting, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithPostgresButNoConnectionString_FailsNamingTheSetting()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" });

        var failure = Record.Exception(() => portal.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains("Database:ConnectionString", failure.ToString(), StringComparison.Ordinal);
    }
}
