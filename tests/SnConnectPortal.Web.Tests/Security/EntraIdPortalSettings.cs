using System.Globalization;
using SnConnectPortal.Testing.EntraId;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>The portal's configuration for a test Entra ID provider, as an administrator would write it.</summary>
public static class EntraIdPortalSettings
{
    public const string ClientId = "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e";
    public const string ClientSecret = "test-client-secret-for-the-loopback-provider";

    public const string TenantId = "6f1e2d3c-4b5a-4798-8a9b-0c1d2e3f4a5b";

    public static Dictionary<string, string> For(EntraIdProvider entra, bool localAccounts) => For(entra.Instance, entra.TenantId, localAccounts);

    /// <param name="instance">The provider's address; nothing needs to answer there until someone clicks "Sign in with Microsoft".</param>
    /// <param name="tenantId">The directory (tenant) id.</param>
    /// <param name="localAccounts">Authentication:LocalAccounts.</param>
    public static Dictionary<string, string> For(Uri instance, string tenantId, bool localAccounts) => new()
    {
        ["AzureAd:Instance"] = instance.ToString(),
        ["AzureAd:TenantId"] = tenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
        ["AzureAd:CallbackPath"] = "/signin-oidc",
        // The provider serves plain HTTP on loopback: allowed in Development only (the portal refuses it elsewhere).
        ["AzureAd:RequireHttpsMetadata"] = "false",
        ["Authentication:LocalAccounts"] = localAccounts.ToString(CultureInfo.InvariantCulture),
    };
}
