using System.Collections.Concurrent;

namespace SnConnectPortal.ServiceNow;

/// <summary>
/// The settings behind each named HttpClient the factory hands out: the name carries the settings' fingerprint, and
/// the HTTP handler setup looks the settings up here when IHttpClientFactory builds (or rebuilds) that client's handlers.
/// </summary>
internal sealed class ServiceNowConnectionRegistry
{
    public const string HttpClientNamePrefix = "SnConnectPortal.ServiceNow:";

    private readonly ConcurrentDictionary<string, ServiceNowConnectionSettings> _settings = new(StringComparer.Ordinal);

    public string Register(ServiceNowConnectionSettings settings)
    {
        var name = HttpClientNamePrefix + settings.Fingerprint;
        _settings.TryAdd(name, settings);
        return name;
    }

    public ServiceNowConnectionSettings? Find(string httpClientName) => _settings.GetValueOrDefault(httpClientName);
}
