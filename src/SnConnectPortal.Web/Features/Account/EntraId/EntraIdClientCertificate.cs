using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Abstractions;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// The portal's certificate credential for Microsoft Entra ID: <c>AzureAd:ClientCredentials</c> entries with a certificate
/// <c>SourceType</c> (Path, StoreWithThumbprint, KeyVault, ...) or the older <c>AzureAd:ClientCertificates</c>, described
/// and loaded as Microsoft.Identity.Web describes and loads certificates. Microsoft.Identity.Web gives the OpenID Connect
/// handler only a client secret when the app just signs people in, so with a certificate the portal redeems the
/// authorization code with a client assertion it signs itself, shaped as Entra ID documents it: RS256, <c>typ</c> JWT,
/// <c>x5t</c>, <c>aud</c> the token endpoint, <c>iss</c> = <c>sub</c> = the client id, a fresh <c>jti</c>, ten minutes.
/// </summary>
public sealed class EntraIdClientCertificate(IReadOnlyList<CertificateDescription> descriptions, TimeProvider timeProvider)
{
    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(10);

    private X509Certificate2? _certificate;

    /// <summary>The certificates section <c>AzureAd</c> describes; empty when it has none (a client secret, then).</summary>
    public static IReadOnlyList<CertificateDescription> DescribedIn(IConfigurationSection azureAd)
    {
        var credentials = azureAd.GetSection("ClientCredentials").Get<List<CertificateDescription>>() ?? [];
        var certificates = azureAd.GetSection("ClientCertificates").Get<List<CertificateDescription>>() ?? [];
        return [.. credentials.Where(c => c.CredentialType == CredentialType.Certificate), .. certificates];
    }

    /// <summary>The first described certificate that loads, with its private key; loaded once.</summary>
    /// <exception cref="InvalidOperationException">None loads, or the one that does has no RSA private key; the message says why.</exception>
    public async Task<X509Certificate2> LoadAsync()
    {
        if (_certificate is not null)
        {
            return _certificate;
        }

        X509Certificate2? certificate;
        try
        {
            certificate = await DefaultCertificateLoader.LoadFirstCertificateAsync(descriptions);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The client certificate could not be loaded: {e.Message}", e);
        }

        if (certificate is null)
        {
            throw new InvalidOperationException("None of the described client certificates was found.");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"The client certificate {certificate.Subject} ({certificate.Thumbprint}) has no RSA private key: " +
                "the portal signs its client assertion with it, so it needs the PFX with the key, not the public .cer file.");
        }

        return _certificate = certificate;
    }

    /// <summary>A signed client assertion for one token request to <paramref name="tokenEndpoint"/>.</summary>
    public async Task<string> CreateAssertionAsync(string clientId, string tokenEndpoint)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, clientId), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AssertionLifetime,
            // X509SigningCredentials adds the certificate's thumbprint (x5t) to the header, which Entra ID looks the key up by.
            SigningCredentials = new X509SigningCredentials(await LoadAsync(), SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Makes the handler send a client assertion instead of a client secret when it redeems a code.</summary>
    public void RedeemCodesWithAssertions(OpenIdConnectOptions oidc)
    {
        oidc.ClientSecret = null;
        var codeReceived = oidc.Events.OnAuthorizationCodeReceived;
        oidc.Events.OnAuthorizationCodeReceived = async context =>
        {
            var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
            var request = context.TokenEndpointRequest!;
            request.ClientAssertionType = ClientAssertionType;
            request.ClientAssertion = await CreateAssertionAsync(context.Options.ClientId!, configuration.TokenEndpoint);
            await codeReceived(context);
        };
    }
}
