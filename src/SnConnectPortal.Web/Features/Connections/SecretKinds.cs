using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web.Features.Connections;

public static class SecretKinds
{
    /// <summary>The secrets an auth mode needs, in the order the wizard asks for them.</summary>
    public static IReadOnlyList<SecretKind> RequiredBy(ServiceNowAuthMode mode) => mode switch
    {
        ServiceNowAuthMode.Basic => [SecretKind.Password],
        ServiceNowAuthMode.OAuthPassword => [SecretKind.ClientSecret, SecretKind.Password],
        ServiceNowAuthMode.OAuthRefreshToken => [SecretKind.ClientSecret, SecretKind.RefreshToken],
        ServiceNowAuthMode.OAuthClientCredentials => [SecretKind.ClientSecret],
        _ => [],
    };

    public static bool NeedsUserName(ServiceNowAuthMode mode) => mode is ServiceNowAuthMode.Basic or ServiceNowAuthMode.OAuthPassword;

    public static bool NeedsClientId(ServiceNowAuthMode mode) => mode is not ServiceNowAuthMode.Basic;

    /// <summary>How the audit log and the pages name a secret (never its value).</summary>
    public static string Label(SecretKind kind) => kind switch
    {
        SecretKind.Password => "password",
        SecretKind.ClientSecret => "client secret",
        SecretKind.RefreshToken => "refresh token",
        _ => kind.ToString(),
    };

    /// <summary>How the wizard labels a secret's field.</summary>
    public static string FieldLabel(SecretKind kind) => kind switch
    {
        SecretKind.Password => "Password",
        SecretKind.ClientSecret => "OAuth client secret",
        SecretKind.RefreshToken => "Refresh token",
        _ => kind.ToString(),
    };
}
