using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Auth;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

public static class ServiceNowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IServiceNowClientFactory"/> and <see cref="IServiceNowRateLimiters"/>: one HttpClient
    /// from IHttpClientFactory per connection's settings, with auth, rate limiting and resilience as handlers, and
    /// every connection opened through <see cref="DestinationGuard"/> (allowlist: <see cref="OutboundDestinationOptions"/>).
    /// </summary>
    public static IServiceCollection AddServiceNowClient(this IServiceCollection services)
    {
        services.AddHttpClient();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OutboundDestinationOptions>();
        services.TryAddSingleton<HostAddressResolver>(Dns.GetHostAddressesAsync);
        services.TryAddSingleton<DestinationGuard>();
        services.TryAddSingleton<ServiceNowConnectionRegistry>();
        services.TryAddSingleton<IServiceNowRateLimiters, ServiceNowRateLimiters>();
        services.TryAddSingleton<IOAuthTokenEndpoint, OAuthTokenClient>();
        services.TryAddSingleton<OAuthTokenCache>();
        services.TryAddSingleton<IServiceNowClientFactory, ServiceNowClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HttpClientFactoryOptions>, ServiceNowHttpClientSetup>());
        return services;
    }
}
