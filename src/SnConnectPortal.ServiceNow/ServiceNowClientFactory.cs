using Microsoft.Extensions.Logging;

namespace SnConnectPortal.ServiceNow;

/// <inheritdoc cref="IServiceNowClientFactory"/>
internal sealed class ServiceNowClientFactory(
    IHttpClientFactory httpClientFactory,
    ServiceNowConnectionRegistry registry,
    TimeProvider timeProvider,
    ILogger<ServiceNowClient> logger) : IServiceNowClientFactory
{
    public IServiceNowClient Create(ServiceNowConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(' ', problems), nameof(settings));
        }

        var httpClient = httpClientFactory.CreateClient(registry.Register(settings));
        return new ServiceNowClient(httpClient, settings, timeProvider, logger);
    }
}
