using System.Globalization;
using SnConnectPortal.Testing.EntraId;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>The portal's configuration for a test Entra ID provider, as an administrator would write it.</summary>
public static class EntraIdPortalSettings
{
    public const string ClientId = "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e";
    public const string ClientSecret = "test-client-secret-for-the-loopback-provider";

    public static Dictionary<string, string> For(EntraIdProvider entra, bool localAccounts) => new()
    {
        ["AzureAd:Instance"] = entra.Instance.ToString(),
        ["AzureAd:TenantId"] = entra.TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:ClientSecret"] = ClientSecret,
        ["AzureAd:CallbackPath"] = "/signin-oidc",
        // The provider serves plain HTTP on loopback: allowed in Development only (the portal refuses it elsewhere).
        ["AzureAd:RequireHttpsMetadata"] = "false",
        ["Authentication:LocalAccounts"] = localAccounts.ToString(CultureInfo.InvariantCulture),
    };
}
