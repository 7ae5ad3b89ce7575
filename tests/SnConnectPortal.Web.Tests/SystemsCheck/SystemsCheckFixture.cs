using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.SystemsCheck;

/// <summary>
/// One sandbox process (with its self-signed https listener) and one in-process portal that may reach it on loopback.
/// Tests that share it reset the sandbox first.
/// </summary>
public sealed class SystemsCheckFixture : IAsyncLifetime
{
    public const string IntegrationUser = "snc.integration";
    public const string IntegrationPassword = "snc-integration-pw";
    public const string ClientId = "snc-portal";
    public const string ClientSecret = "snc-portal-secret";

    private SandboxProcess? _sandbox;
    private PortalFactory? _portal;

    public SandboxProcess Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public PortalFactory Portal => _portal ?? throw new InvalidOperationException("Not started.");

    /// <summary>The sandbox's https address with a certificate nobody trusts.</summary>
    public Uri SelfSignedUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SelfSignedUrl = new Uri($"https://127.0.0.1:{FreePort()}/");
        _sandbox = await SandboxProcess.StartAsync(new Dictionary<string, string> { ["SelfSignedHttpsUrl"] = SelfSignedUrl.AbsoluteUri.TrimEnd('/') });
        _portal = new PortalFactory(new Dictionary<string, string?>
        {
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["SystemsCheck:StepTimeoutSeconds"] = "10",
        });
        // An Admin exists, so the portal is past its first-run screen and users can sign in.
        await _portal.CreateUserAsync("bootstrap-admin@example.com", "bootstrap-password", Web.Security.PortalRoles.Admin);
    }

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    public ServiceNowConnectionSettings Basic(string user = IntegrationUser, string password = IntegrationPassword) => new()
    {
        InstanceUrl = Sandbox.BaseUrl,
        AuthMode = ServiceNowAuthMode.Basic,
        UserName = user,
        Password = password,
    };

    /// <summary>A runner from the portal's own services, with its own step bound.</summary>
    public SystemsCheckRunner Runner(double stepTimeoutSeconds = 10)
    {
        var services = Portal.Services;
        return new SystemsCheckRunner(
            services.GetRequiredService<IServiceNowClientFactory>(),
            services.GetRequiredService<IHttpClientFactory>(),
            services.GetRequiredService<DestinationGuard>(),
            Options.Create(new SystemsCheckOptions { StepTimeoutSeconds = stepTimeoutSeconds }),
            TimeProvider.System,
            services.GetRequiredService<ILogger<SystemsCheckRunner>>());
    }

    public async Task<IReadOnlyList<CheckStepResult>> RunAsync(SystemsCheckRequest request, double stepTimeoutSeconds = 10)
    {
        var results = new List<CheckStepResult>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await foreach (var step in Runner(stepTimeoutSeconds).RunAsync(request, deadline.Token))
        {
            results.Add(step);
        }

        return results;
    }

    /// <summary>A raw Table API call as the sandbox's admin.</summary>
    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>POST /oauth_token.do with a form, as a client would.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(IReadOnlyDictionary<string, string> form)
    {
        using var client = new HttpClient { BaseAddress = Sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsync(new Uri("oauth_token.do", UriKind.Relative), new FormUrlEncodedContent(form));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
