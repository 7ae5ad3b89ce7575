using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow.Auth;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Resilience;

namespace SnConnectPortal.ServiceNow;

/// <summary>
/// Builds the handler chain of each connection's named HttpClient: resilience (deadline, retries, per-call timeout),
/// then the connection's rate limiter, then auth, then the socket handler, which opens connections only through
/// <see cref="DestinationGuard"/>. Rate limiting and auth sit inside the retries, so every attempt takes a permit and
/// carries a current token.
/// The token cache is resolved when handlers are built, not injected: it needs IHttpClientFactory, whose options
/// this class configures, and injecting it would make a dependency cycle.
/// </summary>
internal sealed class ServiceNowHttpClientSetup(
    ServiceNowConnectionRegistry registry,
    DestinationGuard guard,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions options)
    {
        if (name == OAuthTokenClient.HttpClientName)
        {
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = NewSocketsHandler());
            return;
        }

        if (name is null || registry.Find(name) is not { } settings)
        {
            return;
        }

        options.HttpClientActions.Add(client =>
        {
            client.BaseAddress = settings.BaseUri;
            client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns every timeout
        });
        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            var logger = loggerFactory.CreateLogger<ServiceNowClient>();
            builder.PrimaryHandler = NewSocketsHandler();
            builder.AdditionalHandlers.Add(new ResilienceHandler(ServiceNowResiliencePipeline.Create(settings, timeProvider, logger)));
            builder.AdditionalHandlers.Add(new RateLimitingHandler(services.GetRequiredService<IServiceNowRateLimiters>(), settings));
            builder.AdditionalHandlers.Add(settings.AuthMode == ServiceNowAuthMode.Basic
                ? new BasicAuthenticationHandler(settings)
                : new BearerTokenHandler(
                    services.GetRequiredService<OAuthTokenCache>().For(settings), settings, loggerFactory.CreateLogger<BearerTokenHandler>()));
        });
    }

    // A redirect means the URL is not the instance's API (an SSO or login page): report it rather than follow it.
    private SocketsHttpHandler NewSocketsHandler() => guard.Handler(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    });
}
