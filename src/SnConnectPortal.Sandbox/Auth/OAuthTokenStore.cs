using System.Security.Cryptography;
using SnConnectPortal.Sandbox.Configuration;

namespace SnConnectPortal.Sandbox.Auth;

/// <summary>
/// Issued OAuth tokens (ServiceNow's oauth_credential). While a user's access token is valid, asking again returns
/// the same token; a new password grant extends the refresh token (SERVICENOW-API.md section 3).
/// </summary>
internal sealed class OAuthTokenStore(SandboxClock clock, RuntimeSettingsHolder settings)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, IssuedToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _refreshTokens = new(StringComparer.Ordinal);

    public sealed record IssuedToken(string Value, string UserSysId, string ClientId, DateTimeOffset ExpiresAt);

    public sealed record TokenGrant(IssuedToken Access, IssuedToken? Refresh, int ExpiresInSeconds);

    public TokenGrant Issue(string userSysId, string clientId, bool withRefreshToken)
    {
        var now = clock.UtcNow;
        var current = settings.Current;
        lock (_sync)
        {
            var access = _accessTokens.Values.FirstOrDefault(t =>
                t.UserSysId == userSysId && t.ClientId == clientId && t.ExpiresAt > now);
            if (access is null)
            {
                access = new IssuedToken(NewToken(), userSysId, clientId, now.AddSeconds(current.AccessTokenLifetimeSeconds));
                _accessTokens[access.Value] = access;
            }

            IssuedToken? refresh = null;
            if (withRefreshToken)
            {
                var existing = _refreshTokens.Values.FirstOrDefault(t =>
                    t.UserSysId == userSysId && t.ClientId == clientId && t.ExpiresAt > now);
                refresh = (existing ?? new IssuedToken(NewToken(), userSysId, clientId, now)) with
                {
                    ExpiresAt = now.AddSeconds(current.RefreshTokenLifetimeSeconds),
                };
                _refreshTokens[refresh.Value] = refresh;
            }

            return new TokenGrant(access, refresh, SecondsLeft(access, now));
        }
    }

    /// <summary>Access token for a valid refresh token of this client, or null.</summary>
    public TokenGrant? Refresh(string refreshToken, string clientId)
    {
        var now = clock.UtcNow;
        IssuedToken? refresh;
        lock (_sync)
        {
            refresh = _refreshTokens.GetValueOrDefault(refreshToken);
        }

        if (refresh is null || refresh.ClientId != clientId || refresh.ExpiresAt <= now)
        {
            return null;
        }

        var grant = Issue(refresh.UserSysId, clientId, withRefreshToken: false);
        return grant with { Refresh = refresh };
    }

    public IssuedToken? ValidAccessToken(string token)
    {
        lock (_sync)
        {
            return _accessTokens.TryGetValue(token, out var issued) && issued.ExpiresAt > clock.UtcNow ? issued : null;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _accessTokens.Clear();
            _refreshTokens.Clear();
        }
    }

    private static int SecondsLeft(IssuedToken token, DateTimeOffset now) =>
        Math.Max(0, (int)Math.Floor((token.ExpiresAt - now).TotalSeconds));

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
