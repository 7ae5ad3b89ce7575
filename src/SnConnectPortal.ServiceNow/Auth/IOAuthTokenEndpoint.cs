namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>Where OAuth grants are posted: ServiceNow's /oauth_token.do in production.</summary>
internal interface IOAuthTokenEndpoint
{
    /// <exception cref="Errors.ServiceNowException">ServiceNow refused the grant or answered nonsense.</exception>
    Task<OAuthToken> RequestAsync(ServiceNowConnectionSettings settings, OAuthGrant grant, string? refreshToken, CancellationToken cancellationToken);
}
