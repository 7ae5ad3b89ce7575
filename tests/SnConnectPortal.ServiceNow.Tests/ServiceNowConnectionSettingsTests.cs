namespace SnConnectPortal.ServiceNow.Tests;

public class ServiceNowConnectionSettingsTests
{
    [Fact]
    public void Validate_RefreshTokenModeWithoutToken_SaysWhatIsMissing()
    {
        var settings = new ServiceNowConnectionSettings
        {
            InstanceUrl = new Uri("https://acme.service-now.com"),
            AuthMode = ServiceNowAuthMode.OAuthRefreshToken,
            ClientId = "c",
            ClientSecret = "s",
        };

        var problems = settings.Validate();

        Assert.Equal(["The OAuthRefreshToken sign-in needs a refresh token."], problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_001)]
    public void Validate_PageSizeOutOfRange_IsAProblem(int pageSize)
    {
        var settings = new ServiceNowConnectionSettings
        {
            InstanceUrl = new Uri("https://acme.service-now.com"),
            UserName = "u",
            Password = "p",
            PageSize = pageSize,
        };

        Assert.Single(settings.Validate());
    }

    [Fact]
    public void ToStringAndIdentity_NeverShowSecrets()
    {
        var settings = new ServiceNowConnectionSettings
        {
            InstanceUrl = new Uri("https://acme.service-now.com"),
            AuthMode = ServiceNowAuthMode.OAuthPassword,
            UserName = "u",
            Password = "pass-word-1",
            ClientId = "client",
            ClientSecret = "client-secret-1",
            RefreshToken = "refresh-1",
        };

        var shown = settings + settings.ConnectionIdentity;

        Assert.DoesNotContain("pass-word-1", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("client-secret-1", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-1", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_ChangedPassword_Differs()
    {
        var first = new ServiceNowConnectionSettings { InstanceUrl = new Uri("https://acme.service-now.com"), UserName = "u", Password = "a" };
        var second = new ServiceNowConnectionSettings { InstanceUrl = new Uri("https://acme.service-now.com"), UserName = "u", Password = "b" };

        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.ConnectionIdentity, second.ConnectionIdentity);
    }
}
