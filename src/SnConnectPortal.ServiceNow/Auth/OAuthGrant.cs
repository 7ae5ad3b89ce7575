namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>The OAuth grant types ServiceNow's /oauth_token.do accepts that the portal uses.</summary>
internal enum OAuthGrant
{
    Password,
    RefreshToken,
    ClientCredentials,
}
