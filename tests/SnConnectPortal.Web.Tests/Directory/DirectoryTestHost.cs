using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>
/// The portal in-process on its own SQLite file, with one connection whose settings point at a sandbox process
/// (the connections feature's own settings source is replaced: these tests are about import, not secrets).
/// </summary>
public sealed class DirectoryTestHost : IAsyncDisposable
{
    private readonly PortalFactory _root;

    private DirectoryTestHost(PortalFactory root, WebApplicationFactory<Program> factory, SandboxProcess? sandbox)
    {
        _root = root;
        Factory = factory;
        _sandbox = sandbox;
    }

    public WebApplicationFactory<Program> Factory { get; }

    public SandboxProcess Sandbox => _sandbox ?? throw new InvalidOperationException("This host has no sandbox.");

    private readonly SandboxProcess? _sandbox;

    public long ConnectionId { get; private set; }

    public IServiceProvider Services => Factory.Services;

    public static ClaimsPrincipal Operator { get; } = TestPrincipal.Of("otto@example.com", PortalRoles.Operator);

    public static ClaimsPrincipal Viewer { get; } = TestPrincipal.Of("vera@example.com", PortalRoles.Viewer);

    /// <summary>
    /// A portal with a connection to <paramref name="sandbox"/>; or, given <paramref name="connectionId"/>, one more
    /// node on a database (in <paramref name="settings"/>) that already holds that connection.
    /// </summary>
    public static async Task<DirectoryTestHost> StartAsync(SandboxProcess? sandbox, IReadOnlyDictionary<string, string?>? settings = null, long? connectionId = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Directory:IncrementalImportInterval"] = "00:00:00",
            ["Directory:SchedulerPollInterval"] = "01:00:00",
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1", // the sandbox
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var root = new PortalFactory(all);
        var source = new SandboxSettingsSource(sandbox?.BaseUrl ?? new Uri("https://example.service-now.com/"));
        var factory = root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IConnectionSettingsSource>(source)));
        var host = new DirectoryTestHost(root, factory, sandbox);
        host.ConnectionId = connectionId ?? await host.AddConnectionAsync("Sandbox");
        return host;
    }

    public async Task<long> AddConnectionAsync(string name)
    {
        await using var db = await DbAsync();
        var connection = new Connection
        {
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            InstanceUrl = _sandbox?.BaseUrl.AbsoluteUri ?? "https://example.service-now.com/",
            TimeZone = "UTC",
            Environment = "Test",
            AuthMode = "Basic",
            UserName = "snc.integration",
            Tables = "incident",
            Status = ConnectionStatus.Verified,
            CreatedBy = "test",
            UpdatedBy = "test",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>A portal account with a role, created in this host.</summary>
    public async Task CreateUserAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public async Task<PortalDbContext> DbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Starts an import through the coordinator and waits for it to end.</summary>
    public async Task<UserImportRun> ImportAsync(UserImportKind kind)
    {
        var coordinator = Get<UserImportCoordinator>();
        var start = await coordinator.StartAsync(Operator, ConnectionId, kind, CancellationToken.None);
        Assert.True(start.Succeeded, start.ErrorText);
        await coordinator.WhenIdleAsync(ConnectionId).WaitAsync(TimeSpan.FromMinutes(3));
        return await RunAsync(start.Value!.RunId);
    }

    public async Task<UserImportRun> RunAsync(long runId)
    {
        await using var db = await DbAsync();
        return await db.UserImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    /// <summary>PATCH a sys_user row as the sandbox's admin, as an administrator changing ServiceNow would.</summary>
    public async Task PatchUserAsync(string sysId, object fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(Sandbox.BaseUrl, $"api/now/table/sys_user/{sysId}"))
        {
            Content = JsonContent.Create(fields),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Sandbox.Control.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every sys_id the integration user can see on the sandbox, read straight from it.</summary>
    public async Task<HashSet<string>> SandboxSysIdsAsync()
    {
        var client = Get<IServiceNowClientFactory>().Create(SandboxSettingsSource.SettingsFor(Sandbox.BaseUrl));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var query = new SnConnectPortal.ServiceNow.Queries.TableQuery { Fields = ["sys_id"], PageSize = 5000 };
        await foreach (var record in client.QueryAllAsync("sys_user", query, CancellationToken.None))
        {
            ids.Add(record.SysId);
        }

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private sealed class SandboxSettingsSource(Uri baseUrl) : IConnectionSettingsSource
    {
        public static ServiceNowConnectionSettings SettingsFor(Uri baseUrl) => new()
        {
            InstanceUrl = baseUrl,
            AuthMode = ServiceNowAuthMode.Basic,
            UserName = "snc.integration",
            Password = "snc-integration-pw",
        };

        public Task<ServiceNowConnectionSettings?> GetSettingsAsync(long connectionId, CancellationToken cancellationToken) =>
            Task.FromResult<ServiceNowConnectionSettings?>(SettingsFor(baseUrl));

        public ServiceNowConnectionSettings SettingsOf(Connection connection) => SettingsFor(baseUrl);
    }
}
