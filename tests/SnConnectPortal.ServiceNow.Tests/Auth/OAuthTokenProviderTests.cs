using Microsoft.Extensions.Logging.Abstractions;
using SnConnectPortal.ServiceNow.Auth;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Tests.Support;

namespace SnConnectPortal.ServiceNow.Tests.Auth;

public class OAuthTokenProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_TokenStillFresh_ReusesCachedToken()
    {
        var (provider, endpoint, clock) = Create(ServiceNowAuthMode.OAuthPassword);
        await provider.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(20));

        var (token, fromCache) = await provider.GetAsync(CancellationToken.None);

        Assert.Equal("access-1", token);
        Assert.True(fromCache);
        Assert.Equal([OAuthGrant.Password], endpoint.Grants);
    }

    [Fact]
    public async Task GetAsync_ShortlyBeforeExpiry_RefreshesWithRefreshToken()
    {
        var (provider, endpoint, clock) = Create(ServiceNowAuthMode.OAuthPassword);
        await provider.GetAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1799 - 30));

        var (token, fromCache) = await provider.GetAsync(CancellationToken.None);

        Assert.Equal("access-2", token);
        Assert.False(fromCache);
        Assert.Equal([OAuthGrant.Password, OAuthGrant.RefreshToken], endpoint.Grants);
        Assert.Equal("refresh-1", endpoint.RefreshTokensSent[^1]);
    }

    [Fact]
    public async Task GetAsync_RefreshTokenRejected_FallsBackToPasswordGrant()
    {
        var (provider, endpoint, clock) = Create(ServiceNowAuthMode.OAuthPassword);
        await provider.GetAsync(CancellationToken.None);
        endpoint.RejectRefresh = true;
        clock.Advance(TimeSpan.FromHours(1));

        var (token, _) = await provider.GetAsync(CancellationToken.None);

        Assert.Equal("access-2", token);
        Assert.Equal([OAuthGrant.Password, OAuthGrant.RefreshToken, OAuthGrant.Password], endpoint.Grants);
    }

    [Fact]
    public async Task GetAsync_RefreshTokenModeRejected_FailsWithRefreshTokenRemedy()
    {
        var (provider, endpoint, _) = Create(ServiceNowAuthMode.OAuthRefreshToken);
        endpoint.RejectRefresh = true;

        var failure = await Assert.ThrowsAsync<ServiceNowException>(() => provider.GetAsync(CancellationToken.None).AsTask());

        Assert.Equal(ServiceNowErrorKind.Unauthorized, failure.Kind);
        Assert.Equal([OAuthGrant.RefreshToken], endpoint.Grants);
        Assert.Equal("configured-refresh", endpoint.RefreshTokensSent[^1]);
    }

    [Fact]
    public async Task Invalidate_CurrentToken_NextGetObtainsNewOne()
    {
        var (provider, endpoint, _) = Create(ServiceNowAuthMode.OAuthClientCredentials);
        var (first, _) = await provider.GetAsync(CancellationToken.None);

        provider.Invalidate(first);
        var (second, fromCache) = await provider.GetAsync(CancellationToken.None);

        Assert.NotEqual(first, second);
        Assert.False(fromCache);
        Assert.Equal([OAuthGrant.ClientCredentials, OAuthGrant.ClientCredentials], endpoint.Grants);
    }

    [Fact]
    public async Task Invalidate_StaleToken_KeepsNewerToken()
    {
        var (provider, endpoint, _) = Create(ServiceNowAuthMode.OAuthClientCredentials);
        var (first, _) = await provider.GetAsync(CancellationToken.None);
        provider.Invalidate(first);
        var (second, _) = await provider.GetAsync(CancellationToken.None);

        provider.Invalidate(first);
        var (third, fromCache) = await provider.GetAsync(CancellationToken.None);

        Assert.Equal(second, third);
        Assert.True(fromCache);
        Assert.Equal(2, endpoint.Grants.Count);
    }

    [Fact]
    public async Task GetAsync_ManyConcurrentCallers_ObtainOneToken()
    {
        var (provider, endpoint, _) = Create(ServiceNowAuthMode.OAuthPassword);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => provider.GetAsync(CancellationToken.None).AsTask()));

        Assert.All(tokens, t => Assert.Equal("access-1", t.AccessToken));
        Assert.Single(endpoint.Grants);
    }

    [Fact]
    public void IsUsableAt_ShortLifetime_MarginIsATenth()
    {
        var token = new OAuthToken("a", null, Start, Start.AddSeconds(10));

        Assert.True(token.IsUsableAt(Start.AddSeconds(8.9)));
        Assert.False(token.IsUsableAt(Start.AddSeconds(9.1)));
    }

    private static (OAuthTokenProvider Provider, FakeTokenEndpoint Endpoint, ManualTimeProvider Clock) Create(ServiceNowAuthMode mode)
    {
        var clock = new ManualTimeProvider(Start);
        var endpoint = new FakeTokenEndpoint(clock);
        var settings = new ServiceNowConnectionSettings
        {
            InstanceUrl = new Uri("http://127.0.0.1:1/"),
            AuthMode = mode,
            UserName = "snc.integration",
            Password = "pw",
            ClientId = "client",
            ClientSecret = "secret",
            RefreshToken = "configured-refresh",
        };
        return (new OAuthTokenProvider(settings, endpoint, clock, NullLogger<OAuthTokenProvider>.Instance), endpoint, clock);
    }

    private sealed class FakeTokenEndpoint(TimeProvider clock) : IOAuthTokenEndpoint
    {
        private int _issued;

        public List<OAuthGrant> Grants { get; } = [];

        public List<string?> RefreshTokensSent { get; } = [];

        public bool RejectRefresh { get; set; }

        public async Task<OAuthToken> RequestAsync(
            ServiceNowConnectionSettings settings, OAuthGrant grant, string? refreshToken, CancellationToken cancellationToken)
        {
            await Task.Yield();
            Grants.Add(grant);
            if (grant == OAuthGrant.RefreshToken)
            {
                RefreshTokensSent.Add(refreshToken);
                if (RejectRefresh)
                {
                    throw new ServiceNowException(new ServiceNowError(ServiceNowErrorKind.Unauthorized, 401, "server_error", "access_denied", "renew"));
                }
            }

            var number = Interlocked.Increment(ref _issued);
            var now = clock.GetUtcNow();
            return new OAuthToken($"access-{number}", grant == OAuthGrant.Password ? $"refresh-{number}" : null, now, now.AddSeconds(1799));
        }
    }
}
