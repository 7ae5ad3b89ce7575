using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.ServiceNow.Resilience;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Support;

/// <summary>
/// The client wired as the portal wires it (<c>AddServiceNowClient</c>), pointed at a sandbox, with every log line and
/// every credential the HTTP layer sent recorded.
/// </summary>
internal sealed class ServiceNowTestHost : IAsyncDisposable
{
    public const string IntegrationUser = "snc.integration";
    public const string IntegrationPassword = "snc-integration-pw";
    public const string ClientId = "snc-portal";
    public const string ClientSecret = "snc-portal-secret";

    private readonly ServiceProvider _services;

    public ServiceNowTestHost(SandboxProcess sandbox)
    {
        Sandbox = sandbox;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddServiceNowClient();
        services.Configure<OutboundDestinationOptions>(destinations => destinations.AllowedPrivateHosts.Add("127.0.0.1")); // the sandbox
        services.ConfigureHttpClientDefaults(builder => builder.AddHttpMessageHandler(() => new CredentialRecordingHandler(SentSecrets)));
        _services = services.BuildServiceProvider();
    }

    public SandboxProcess Sandbox { get; }

    public RecordingLoggerProvider Logs { get; } = new();

    public ConcurrentBag<string> SentSecrets { get; } = [];

    public IServiceNowRateLimiters RateLimiters => _services.GetRequiredService<IServiceNowRateLimiters>();

    /// <summary>Settings for the seeded integration user and OAuth client, fast retries, short timeouts.</summary>
    public ServiceNowConnectionSettings Settings(ServiceNowAuthMode mode, string? refreshToken = null) => new()
    {
        InstanceUrl = Sandbox.BaseUrl,
        AuthMode = mode,
        UserName = mode is ServiceNowAuthMode.Basic or ServiceNowAuthMode.OAuthPassword ? IntegrationUser : null,
        Password = mode is ServiceNowAuthMode.Basic or ServiceNowAuthMode.OAuthPassword ? IntegrationPassword : null,
        ClientId = mode == ServiceNowAuthMode.Basic ? null : ClientId,
        ClientSecret = mode == ServiceNowAuthMode.Basic ? null : ClientSecret,
        RefreshToken = refreshToken,
        PerCallTimeout = TimeSpan.FromSeconds(10),
        OverallDeadline = TimeSpan.FromSeconds(30),
        Retry = new ServiceNowRetryLimits { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(500) },
    };

    public IServiceNowClient Client(ServiceNowConnectionSettings settings) =>
        _services.GetRequiredService<IServiceNowClientFactory>().Create(settings);

    public IServiceNowClient Client(ServiceNowAuthMode mode) => Client(Settings(mode));

    /// <summary>A refresh token for the integration user, from a password grant posted straight to the sandbox.</summary>
    public async Task<string> IssueRefreshTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await PostGrantAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["username"] = IntegrationUser,
            ["password"] = IntegrationPassword,
        }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var token = body.GetProperty("refresh_token").GetString() ?? throw new InvalidOperationException("No refresh token issued.");
        SentSecrets.Add(token);
        return token;
    }

    /// <summary>Whether the sandbox still accepts <paramref name="refreshToken"/>.</summary>
    public async Task<bool> RefreshTokenAcceptedAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var response = await PostGrantAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["refresh_token"] = refreshToken,
        }, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The sandbox's request log entries for paths starting with <paramref name="pathPrefix"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> RequestsAsync(string pathPrefix, CancellationToken cancellationToken)
    {
        var log = await Sandbox.GetRequestsAsync(cancellationToken);
        return [.. log.EnumerateArray().Where(r => r.GetProperty("path").GetString()?.StartsWith(pathPrefix, StringComparison.Ordinal) == true)];
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private Task<HttpResponseMessage> PostGrantAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        return Sandbox.Control.PostAsync(new Uri("oauth_token.do", UriKind.Relative), content, cancellationToken);
    }
}
