using System.Net;
using SnConnectPortal.Testing.EntraId;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>
/// Microsoft sign-in with a client certificate instead of a secret: the portal loads the PFX named in
/// <c>AzureAd:ClientCredentials</c> and redeems the code at the test provider's token endpoint, over HTTP on loopback,
/// with a client assertion signed by it, which the provider checks against the certificate registered for the app.
/// </summary>
public sealed class EntraIdClientCertificateTests : IAsyncLifetime
{
    private readonly TestClientCertificate _certificate = new();
    private EntraIdProvider _entra = default!;
    private PortalFactory _portal = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _entra = await EntraIdProvider.StartAsync(EntraIdPortalSettings.TenantId);
        var settings = EntraIdPortalSettings.For(_entra, localAccounts: false);
        settings.Remove("AzureAd:ClientSecret");
        foreach (var (key, value) in _certificate.Settings())
        {
            settings[key] = value;
        }

        _portal = new PortalFactory(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        _client = _portal.CreateBrowserLikeClient();
        _entra.SetUser(new EntraIdUser("ada@contoso.example", "Ada Admin", ["Portal.Admin"]));
    }

    [Fact]
    public async Task SignIn_WithTheRegisteredCertificate_RedeemsTheCodeWithAClientAssertion()
    {
        await _entra.RegisterApplicationAsync(EntraIdPortalSettings.ClientId, _certificate.PublicPart, _client.BaseAddress!);

        var landing = await EntraIdHttpSignIn.SignInThroughProviderAsync(_client, "ada@contoso.example");

        Assert.Equal("/", Redirects.PathOf(landing));
        Assert.Equal(1, _entra.AcceptedClientAssertions);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WhenTheAppRegistrationHasAnotherCertificate_IsRefused()
    {
        using var other = new TestClientCertificate();
        await _entra.RegisterApplicationAsync(EntraIdPortalSettings.ClientId, other.PublicPart, _client.BaseAddress!);

        var landing = await EntraIdHttpSignIn.SignInThroughProviderAsync(_client, "ada@contoso.example");

        Assert.Equal(EntraIdEndpoints.RefusalPage(EntraIdRefusal.NotAccepted), Redirects.PathOf(landing));
        Assert.Equal(0, _entra.AcceptedClientAssertions);
        Assert.Equal(HttpStatusCode.Redirect, (await _client.GetAsync("/connections")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
        await _entra.DisposeAsync();
        _certificate.Dispose();
    }
}
