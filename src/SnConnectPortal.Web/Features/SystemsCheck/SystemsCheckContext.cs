using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// The state one run shares between its steps: the request, a bounded ServiceNow client (no retries, the step's
/// bound as its timeout), and what earlier steps saw (the instance's clock, the integration user, rate-limit headers).
/// </summary>
public sealed class SystemsCheckContext
{
    private readonly IServiceNowClientFactory _clients;
    private readonly List<ServiceNowRateLimitInfo> _rateLimits = [];
    private readonly List<ServiceNowError> _rateLimited = [];
    private IServiceNowClient? _client;

    internal SystemsCheckContext(
        SystemsCheckRequest request,
        SystemsCheckOptions options,
        IServiceNowClientFactory clients,
        HttpClient probe,
        DestinationGuard guard,
        TimeProvider timeProvider)
    {
        Request = request;
        Options = options;
        _clients = clients;
        Probe = probe;
        Guard = guard;
        TimeProvider = timeProvider;
        BoundedSettings = request.Settings with
        {
            PerCallTimeout = options.StepTimeout,
            OverallDeadline = options.StepTimeout,
            Retry = new ServiceNowRetryLimits { MaxRetryAttempts = 0 },
        };
    }

    public SystemsCheckRequest Request { get; }

    public SystemsCheckOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>A client without credentials or redirects, for probing the address the way a stranger would.</summary>
    public HttpClient Probe { get; }

    /// <summary>Resolves and opens connections for the steps that do so themselves, refusing restricted addresses.</summary>
    public DestinationGuard Guard { get; }

    /// <summary>The connection's settings with the check's bounds: one attempt per call, no longer than a step.</summary>
    public ServiceNowConnectionSettings BoundedSettings { get; }

    public ServiceNowConnectionSettings Settings => Request.Settings;

    /// <summary>Who the calls run as, for messages: the user, or the OAuth client when there is no user.</summary>
    public string Identity => Settings.UserName is { Length: > 0 } user ? user : $"the OAuth client '{Settings.ClientId}'";

    /// <summary>The instance's clock from the HTTP Date header of the first answer, and when it was read.</summary>
    public (DateTimeOffset InstanceDate, DateTimeOffset PortalTime, TimeSpan RoundTrip)? Clock { get; set; }

    /// <summary>The integration user's sys_user row, when the user step could read it.</summary>
    public ServiceNowRecord? IntegrationUser { get; set; }

    /// <summary>The names of the integration user's roles, when the user step could read them.</summary>
    public IReadOnlyList<string>? Roles { get; set; }

    public IReadOnlyList<ServiceNowRateLimitInfo> RateLimits => _rateLimits;

    /// <summary>Every call of this run that a rate limit rule refused (429).</summary>
    public IReadOnlyList<ServiceNowError> RateLimited => _rateLimited;

    /// <summary>The connection's client with the check's bounds; created on first use.</summary>
    public IServiceNowClient Client => _client ??= _clients.Create(BoundedSettings);

    /// <summary>A client for other settings (e.g. the same user with Basic, to tell a bad OAuth client from a bad account).</summary>
    public IServiceNowClient ClientFor(ServiceNowConnectionSettings settings) => _clients.Create(settings);

    /// <summary>Records the facts every ServiceNow answer carries (rate-limit headers, clock).</summary>
    public T Observe<T>(T response, Func<T, ServiceNowResponseInfo> info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var facts = info(response);
        if (facts.RateLimit is { } rateLimit)
        {
            _rateLimits.Add(rateLimit);
        }

        return response;
    }

    internal void RecordRateLimited(ServiceNowError error) => _rateLimited.Add(error);
}
