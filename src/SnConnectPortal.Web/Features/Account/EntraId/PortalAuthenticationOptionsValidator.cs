using Microsoft.Extensions.Options;
using Microsoft.Identity.Abstractions;

namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>
/// Stops start-up when no way in would remain (local accounts off without Entra ID), when section <c>AzureAd</c> lacks
/// what a single-tenant sign-in needs (one client credential: a secret, or a certificate that loads with its key), or
/// when it allows a plain-HTTP identity provider outside Development.
/// </summary>
public sealed class PortalAuthenticationOptionsValidator(IConfiguration configuration, IHostEnvironment environment)
    : IValidateOptions<PortalAuthenticationOptions>
{
    private const string AzureAd = PortalAuthenticationOptions.AzureAdSectionName;

    public ValidateOptionsResult Validate(string? name, PortalAuthenticationOptions options)
    {
        var failures = new List<string>();
        if (!options.LocalAccounts && !options.MicrosoftSignIn)
        {
            failures.Add($"{PortalAuthenticationOptions.SectionName}:LocalAccounts is false but section {AzureAd} is not configured: nobody could sign in. " +
                $"Configure Microsoft Entra ID sign-in (README, \"Sign in with Microsoft Entra ID\") or set {PortalAuthenticationOptions.SectionName}:LocalAccounts to true.");
        }

        if (options.MicrosoftSignIn)
        {
            ValidateAzureAd(configuration.GetSection(AzureAd), failures);
        }

        var mapping = options.EntraId;
        if (mapping.AppRoles.Any(string.IsNullOrWhiteSpace) || mapping.AppRoles.Distinct(StringComparer.Ordinal).Count() != mapping.AppRoles.Count)
        {
            failures.Add($"{PortalAuthenticationOptions.SectionName}:EntraId:AdminAppRole, OperatorAppRole and ViewerAppRole must be three different, non-empty app role values.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateAzureAd(IConfigurationSection azureAd, List<string> failures)
    {
        var allowsHttpMetadata = azureAd.GetValue("RequireHttpsMetadata", defaultValue: true) is false;
        if (allowsHttpMetadata && !environment.IsDevelopment())
        {
            failures.Add($"{AzureAd}:RequireHttpsMetadata=false is for a test identity provider on loopback and is refused outside Development.");
        }

        if (!Uri.TryCreate(azureAd["Instance"], UriKind.Absolute, out var instance) || (instance.Scheme != Uri.UriSchemeHttps && !allowsHttpMetadata))
        {
            failures.Add($"{AzureAd}:Instance must be the identity provider's https address, e.g. https://login.microsoftonline.com/ (was '{azureAd["Instance"]}').");
        }

        if (!Guid.TryParse(azureAd["TenantId"], out _))
        {
            failures.Add($"{AzureAd}:TenantId must be your directory (tenant) id, a GUID from the app registration's overview (was '{azureAd["TenantId"]}'); " +
                "the portal accepts sign-ins from that one tenant only.");
        }

        if (string.IsNullOrWhiteSpace(azureAd["ClientId"]))
        {
            failures.Add($"{AzureAd}:ClientId must be the application (client) id of the portal's app registration.");
        }

        ValidateClientCredential(azureAd, failures);

        var callbackPath = azureAd["CallbackPath"];
        if (callbackPath is not null && !callbackPath.StartsWith('/'))
        {
            failures.Add($"{AzureAd}:CallbackPath must be a path on the portal starting with '/', e.g. /signin-oidc (was '{callbackPath}').");
        }
    }

    /// <summary>The portal redeems the authorization code with exactly one credential: a client secret or a certificate.</summary>
    private static void ValidateClientCredential(IConfigurationSection azureAd, List<string> failures)
    {
        var credentials = azureAd.GetSection("ClientCredentials").Get<List<CredentialDescription>>() ?? [];
        var hasSecret = !string.IsNullOrWhiteSpace(azureAd["ClientSecret"])
            || credentials.Any(c => c.CredentialType == CredentialType.Secret && !string.IsNullOrWhiteSpace(c.ClientSecret));
        var certificates = EntraIdClientCertificate.DescribedIn(azureAd);
        if (hasSecret == (certificates.Count > 0))
        {
            failures.Add(hasSecret
                ? $"{AzureAd} has both a client secret and a client certificate: keep one, so that it is clear which one the portal uses."
                : $"{AzureAd}:ClientSecret must be a client secret of the portal's app registration, or {AzureAd}:ClientCredentials must describe its certificate " +
                  "(e.g. SourceType Path, CertificateDiskPath and CertificatePassword): the portal redeems the authorization code with it.");
            return;
        }

        if (certificates.Count > 0)
        {
            try
            {
                new EntraIdClientCertificate(certificates, TimeProvider.System).LoadAsync().GetAwaiter().GetResult();
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"{AzureAd}:ClientCredentials: {e.Message}");
            }
        }
    }
}
