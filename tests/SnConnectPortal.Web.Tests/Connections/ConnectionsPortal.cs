using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.SystemsCheck;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>
/// The portal in-process on its own SQLite file, pointed at a sandbox ServiceNow process (http on 127.0.0.1
/// allowlisted), with an Admin, an Operator and a Viewer: as principals for the services and as signed-in HTTP clients.
/// </summary>
public sealed class ConnectionsPortal : IAsyncLifetime
{
    public const string SandboxPassword = "snc-integration-pw";
    public const string SandboxClientSecret = "snc-portal-secret";

    private PortalFactory _factory = default!;

    public SandboxProcess Sandbox { get; private set; } = default!;

    public Dictionary<string, HttpClient> Clients { get; } = [];

    public ConnectionAdministration Administration => _factory.Services.GetRequiredService<ConnectionAdministration>();

    public ConnectionQueries Queries => _factory.Services.GetRequiredService<ConnectionQueries>();


    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxProcess.StartAsync();
        await Sandbox.ConfigureAsync(new { clientCredentialsGrantEnabled = true });
        _factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sandbox:Url"] = Sandbox.BaseUrl.ToString(),
        });
        foreach (var role in PortalRoles.All)
        {
            var email = EmailOf(role);
            await _factory.CreateUserAsync(email, "role-password-1", role);
            var client = _factory.CreateBrowserLikeClient();
            Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, email, "role-password-1")).StatusCode);
            Clients[role] = client;
        }
    }

    /// <summary>Runs the Systems Check as <paramref name="actor"/>, as the connection page does.</summary>
    public Task<ServiceResult<SystemsCheckReport>> RunSystemsCheckAsync(ClaimsPrincipal actor, long connectionId) =>
        Services.GetRequiredService<SystemsCheckService>()
            .RunAsync(actor, connectionId, createTestIncident: false, SystemsCheckTriggers.Portal, onStep: null, CancellationToken.None);

    public static string EmailOf(string role) => $"{role.ToLowerInvariant()}@example.com";

    public static ClaimsPrincipal Principal(string role) =>
        TestPrincipal.Of(EmailOf(role), role);

    /// <summary>A valid Basic draft for the sandbox, with a name unique to the test.</summary>
    public ConnectionDraft SandboxDraft(string name, ServiceNowAuthMode mode = ServiceNowAuthMode.Basic)
    {
        var draft = new ConnectionDraft
        {
            Name = name,
            InstanceAddress = Sandbox.BaseUrl.ToString(),
            TimeZone = "Europe/Amsterdam",
            Environment = "Test",
            AuthMode = mode,
            Tables = ["incident", "sc_task"],
            LimitOutboundRate = true,
            OutboundRateLimitCount = 120,
            OutboundRateLimitPeriod = RateLimitPeriod.Minute,
        };
        if (SecretKinds.NeedsUserName(mode))
        {
            draft.UserName = "snc.integration";
            draft.SetSecret(SecretKind.Password, SandboxPassword);
        }

        if (SecretKinds.NeedsClientId(mode))
        {
            draft.ClientId = "snc-portal";
            draft.SetSecret(SecretKind.ClientSecret, SandboxClientSecret);
        }

        return draft;
    }

    /// <summary>Whether any file of the database (with its -wal and -shm) holds <paramref name="value"/> in clear.</summary>
    public bool DatabaseFilesContain(string value)
    {
        // SQLite may delete its -wal or -shm file between the listing and the read (its content is then in the main
        // file): scan again from the start rather than skip it.
        for (var scan = 1; ; scan++)
        {
            try
            {
                return Directory.GetFiles(Path.GetDirectoryName(_factory.DatabasePath)!).Any(file => FileContains(file, value));
            }
            catch (FileNotFoundException) when (scan < 5)
            {
            }
        }
    }

    private static bool FileContains(string file, string value)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(value)) >= 0;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values)
        {
            client.Dispose();
        }

        await _factory.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
