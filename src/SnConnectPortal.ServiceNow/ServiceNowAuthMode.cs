namespace SnConnectPortal.ServiceNow;

/// <summary>How the portal proves who it is to ServiceNow.</summary>
public enum ServiceNowAuthMode
{
    /// <summary>HTTP Basic with the integration user's name and password.</summary>
    Basic,

    /// <summary>OAuth resource-owner password grant; refreshed with the refresh token it returns.</summary>
    OAuthPassword,

    /// <summary>OAuth refresh-token grant with a refresh token issued beforehand; no password is stored.</summary>
    OAuthRefreshToken,

    /// <summary>OAuth client-credentials grant (Washington DC and later, off by default on the instance).</summary>
    OAuthClientCredentials,
}
