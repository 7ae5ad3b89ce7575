namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>An access token from /oauth_token.do, the refresh token that came with it, and when it expires.</summary>
internal sealed record OAuthToken(string AccessToken, string? RefreshToken, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    private static readonly TimeSpan LongestMargin = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether the token is still good to send at <paramref name="now"/>: it is replaced a little before expiry (a tenth of
    /// its lifetime, at most a minute), so a request never leaves with a token that dies on the way.
    /// </summary>
    public bool IsUsableAt(DateTimeOffset now)
    {
        var margin = TimeSpan.FromTicks(Math.Min(LongestMargin.Ticks, (ExpiresAt - IssuedAt).Ticks / 10));
        return now < ExpiresAt - margin;
    }
}
