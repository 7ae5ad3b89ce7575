using SnConnectPortal.ServiceNow;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>How each auth mode is named in the portal, and where its values are found in ServiceNow.</summary>
public static class AuthModes
{
    public static IReadOnlyList<ServiceNowAuthMode> All { get; } = Enum.GetValues<ServiceNowAuthMode>();

    public static string Label(ServiceNowAuthMode mode) => mode switch
    {
        ServiceNowAuthMode.Basic => "Basic (user and password)",
        ServiceNowAuthMode.OAuthPassword => "OAuth 2.0 password grant",
        ServiceNowAuthMode.OAuthRefreshToken => "OAuth 2.0 refresh token",
        ServiceNowAuthMode.OAuthClientCredentials => "OAuth 2.0 client credentials",
        _ => mode.ToString(),
    };

    public static string Summary(ServiceNowAuthMode mode) => mode switch
    {
        ServiceNowAuthMode.Basic =>
            "The portal signs in as an integration user with its user name and password on every call.",
        ServiceNowAuthMode.OAuthPassword =>
            "The portal asks ServiceNow for a token with an OAuth client and the integration user's name and password.",
        ServiceNowAuthMode.OAuthRefreshToken =>
            "The portal holds an OAuth client and a refresh token issued beforehand; no user password is stored.",
        ServiceNowAuthMode.OAuthClientCredentials =>
            "The portal signs in as the OAuth client itself, acting as the client's OAuth Application User.",
        _ => "",
    };

    /// <summary>Where to find the values in ServiceNow, step by step (from the vendors' setup guides).</summary>
    public static IReadOnlyList<string> WhereToFind(ServiceNowAuthMode mode)
    {
        var integrationUser =
            "User: User Administration > Users > New. Give it a user ID and a password (Set Password > Generate), tick " +
            "\"Web service access only\", keep Active ticked and \"Password needs reset\" and \"Locked out\" unticked, then " +
            "add the roles it needs (itil or incident_manager for incidents, import_transformer for import sets).";
        var oauthClient =
            "Client id and secret: System OAuth > Application Registry > New > \"Create an OAuth API endpoint for external " +
            "clients\". Name it (e.g. SnConnectPortal) and submit; the Client ID is shown on the record, the Client Secret " +
            "behind the lock icon.";
        return mode switch
        {
            ServiceNowAuthMode.Basic => [integrationUser],
            ServiceNowAuthMode.OAuthPassword => [oauthClient, integrationUser],
            ServiceNowAuthMode.OAuthRefreshToken =>
            [
                oauthClient,
                "Refresh token: POST to https://<instance>/oauth_token.do as x-www-form-urlencoded with grant_type=password, " +
                "client_id, client_secret, username and password of the integration user; copy \"refresh_token\" from the " +
                "answer. The password is used once and not stored here.",
            ],
            ServiceNowAuthMode.OAuthClientCredentials =>
            [
                oauthClient,
                "The client credentials grant is off by default (Washington DC and later): set the system property " +
                "glide.oauth.inbound.client.credential.grant_type.enabled to true, and set the OAuth Application User on " +
                "the Application Registry record: the portal acts as that user.",
            ],
            _ => [],
        };
    }
}
