using Microsoft.Extensions.Logging;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>
/// The token cache of one connection: hands out the current access token, gets a new one shortly before it expires
/// (one request at a time), and forgets a token ServiceNow rejected.
/// </summary>
internal sealed class OAuthTokenProvider(
    ServiceNowConnectionSettings settings,
    IOAuthTokenEndpoint tokenClient,
    TimeProvider timeProvider,
    ILogger<OAuthTokenProvider> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OAuthToken? _current;

    /// <summary>A usable access token; <c>FromCache</c> is false when this call just obtained it.</summary>
    public async ValueTask<(string AccessToken, bool FromCache)> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } cached && cached.IsUsableAt(timeProvider.GetUtcNow()))
        {
            return (cached.AccessToken, true);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var previous = _current;
            if (previous is not null && previous.IsUsableAt(timeProvider.GetUtcNow()))
            {
                return (previous.AccessToken, true);
            }

            var token = await AcquireAsync(previous, cancellationToken);
            Volatile.Write(ref _current, token);
            return (token.AccessToken, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="accessToken"/> if it is still the current one (keeps its refresh token).</summary>
    public void Invalidate(string accessToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.AccessToken == accessToken)
        {
            var expired = current with { ExpiresAt = current.IssuedAt };
            Interlocked.CompareExchange(ref _current, expired, current);
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<OAuthToken> AcquireAsync(OAuthToken? previous, CancellationToken cancellationToken)
    {
        switch (settings.AuthMode)
        {
            case ServiceNowAuthMode.OAuthPassword when previous?.RefreshToken is { } refreshToken:
                try
                {
                    var refreshed = await tokenClient.RequestAsync(settings, OAuthGrant.RefreshToken, refreshToken, cancellationToken);
                    return refreshed with { RefreshToken = refreshed.RefreshToken ?? refreshToken };
                }
                catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.Unauthorized)
                {
                    logger.LogInformation("ServiceNow rejected the refresh token for {Connection}; signing in with the password grant again",
                        settings.ConnectionIdentity);
                    return await tokenClient.RequestAsync(settings, OAuthGrant.Password, null, cancellationToken);
                }

            case ServiceNowAuthMode.OAuthPassword:
                return await tokenClient.RequestAsync(settings, OAuthGrant.Password, null, cancellationToken);

            case ServiceNowAuthMode.OAuthRefreshToken:
                return await tokenClient.RequestAsync(settings, OAuthGrant.RefreshToken, settings.RefreshToken, cancellationToken);

            case ServiceNowAuthMode.OAuthClientCredentials:
                return await tokenClient.RequestAsync(settings, OAuthGrant.ClientCredentials, null, cancellationToken);

            default:
                throw new InvalidOperationException($"{settings.AuthMode} does not use OAuth tokens.");
        }
    }
}
