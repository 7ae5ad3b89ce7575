using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SnConnectPortal.Web.Features.Account.EntraId;

namespace SnConnectPortal.Web.Tests.Security;

public sealed class PortalAuthenticationOptionsValidatorTests
{
    private static readonly Dictionary<string, string?> ValidAzureAd = new()
    {
        ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
        ["AzureAd:TenantId"] = EntraIdPortalSettings.TenantId,
        ["AzureAd:ClientId"] = EntraIdPortalSettings.ClientId,
        ["AzureAd:ClientSecret"] = "secret",
        ["AzureAd:CallbackPath"] = "/signin-oidc",
    };

    [Fact]
    public void Validate_ProductionWithAValidAzureAdSection_Succeeds() =>
        Assert.True(Validate(Environments.Production, ValidAzureAd).Succeeded);

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public void Validate_PlainHttpProvider_IsAllowedInDevelopmentOnly(string environment, bool allowed)
    {
        var settings = new Dictionary<string, string?>(ValidAzureAd)
        {
            ["AzureAd:Instance"] = "http://127.0.0.1:5999/",
            ["AzureAd:RequireHttpsMetadata"] = "false",
        };

        var result = Validate(environment, settings);

        Assert.Equal(allowed, result.Succeeded);
        if (!allowed)
        {
            Assert.Contains("AzureAd:RequireHttpsMetadata=false", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_HttpInstanceWithoutTheDevelopmentSetting_Fails() =>
        Assert.Contains("AzureAd:Instance", Validate(Environments.Development, new Dictionary<string, string?>(ValidAzureAd) { ["AzureAd:Instance"] = "http://127.0.0.1:5999/" }).FailureMessage, StringComparison.Ordinal);

    [Theory]
    [InlineData("AzureAd:TenantId", "common")]
    [InlineData("AzureAd:ClientId", "")]
    [InlineData("AzureAd:ClientSecret", "")]
    [InlineData("AzureAd:CallbackPath", "signin-oidc")]
    public void Validate_AzureAdSettingMissingOrWrong_FailsNamingIt(string setting, string value)
    {
        var result = Validate(Environments.Production, new Dictionary<string, string?>(ValidAzureAd) { [setting] = value });

        Assert.False(result.Succeeded);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ACertificateInsteadOfASecret_Succeeds()
    {
        using var certificate = new TestClientCertificate();

        var result = Validate(Environments.Production, WithCertificate(certificate, TestClientCertificate.Password, withSecret: false));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_BothASecretAndACertificate_FailsAskingForOne()
    {
        using var certificate = new TestClientCertificate();

        var result = Validate(Environments.Production, WithCertificate(certificate, TestClientCertificate.Password, withSecret: true));

        Assert.Contains("both a client secret and a client certificate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ACertificateThatDoesNotOpen_FailsAtStartNamingTheSetting()
    {
        using var certificate = new TestClientCertificate();

        var result = Validate(Environments.Production, WithCertificate(certificate, "not-the-password", withSecret: false));

        Assert.Contains("AzureAd:ClientCredentials: The client certificate could not be loaded", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameValueForTwoAppRoles_Fails()
    {
        var options = new PortalAuthenticationOptions();
        options.EntraId.ViewerAppRole = options.EntraId.AdminAppRole;

        var result = new PortalAuthenticationOptionsValidator(new ConfigurationBuilder().Build(), Host(Environments.Production)).Validate(null, options);

        Assert.Contains("three different", result.FailureMessage, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> WithCertificate(TestClientCertificate certificate, string password, bool withSecret)
    {
        var settings = new Dictionary<string, string?>(ValidAzureAd);
        if (!withSecret)
        {
            settings.Remove("AzureAd:ClientSecret");
        }

        foreach (var (key, value) in certificate.Settings(password))
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new PortalAuthenticationOptions { MicrosoftSignIn = true };
        return new PortalAuthenticationOptionsValidator(configuration, Host(environment)).Validate(null, options);
    }

    private static HostingEnvironment Host(string environment) => new() { EnvironmentName = environment };
}
