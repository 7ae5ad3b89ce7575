using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SnConnectPortal.ServiceNow.Auth;

/// <summary>
/// One <see cref="OAuthTokenProvider"/> per connection (instance, identity and secrets), shared by every client and
/// HTTP handler of that connection, so a token is fetched once and reused until shortly before it expires.
/// </summary>
internal sealed class OAuthTokenCache(IOAuthTokenEndpoint tokenClient, TimeProvider timeProvider, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<OAuthTokenProvider>> _providers = new(StringComparer.Ordinal);

    public OAuthTokenProvider For(ServiceNowConnectionSettings settings) =>
        _providers.GetOrAdd(settings.Fingerprint, _ => new Lazy<OAuthTokenProvider>(() =>
            new OAuthTokenProvider(settings, tokenClient, timeProvider, loggerFactory.CreateLogger<OAuthTokenProvider>()))).Value;

    public void Dispose()
    {
        foreach (var provider in _providers.Values.Where(p => p.IsValueCreated))
        {
            provider.Value.Dispose();
        }
    }
}
