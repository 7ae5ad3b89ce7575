using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.ApiKeys;

/// <summary>
/// The portal on a real SQLite file with every log record captured (from Trace up, whatever the category), an Admin,
/// an Operator and a Viewer signed in with the cookie, and keys made through <see cref="ApiKeyAdministration"/>.
/// </summary>
public sealed class ApiKeyPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    private const string Password = "api-key-password";

    private readonly PortalFactory _root = new(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Information",
        ["Logging:Console:LogLevel:Default"] = "Warning",
    });

    private readonly FakeLoggerProvider _logs = new();

    public WebApplicationFactory<Program> Portal { get; private set; } = default!;

    public Dictionary<string, HttpClient> SignedIn { get; } = [];

    public ApiKeyAdministration Administration => Portal.Services.GetRequiredService<ApiKeyAdministration>();

    public System.Security.Claims.ClaimsPrincipal Admin { get; } = TestPrincipal.Of(AdminEmail, PortalRoles.Admin);

    /// <summary>Every log line written so far, formatted, with its exception.</summary>
    public string LogText => string.Join('\n', _logs.Collector.GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}"));

    public async Task InitializeAsync()
    {
        Portal = _root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        foreach (var role in PortalRoles.All)
        {
            var email = role == PortalRoles.Admin ? AdminEmail : $"{role.ToLowerInvariant()}@example.com";
            await using (var scope = Portal.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }

            var client = NewClient();
            Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, email, Password)).StatusCode);
            SignedIn[role] = client;
        }
    }

    /// <summary>A client like a browser (cookies kept, no redirects followed).</summary>
    public HttpClient NewClient() => Portal.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>A client that sends only the key: no cookie.</summary>
    public HttpClient KeyClient(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<CreatedApiKey> CreateKeyAsync(string name, int? expiresInDays = null, params string[] scopes)
    {
        var result = await Administration.CreateAsync(Admin,
            new NewApiKey { Name = name, Scopes = [.. scopes.Length == 0 ? [ApiKeyScopes.MonitorRead] : scopes], ExpiresInDays = expiresInDays },
            CancellationToken.None);
        Assert.True(result.Succeeded, result.ErrorText);
        return result.Value!;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in SignedIn.Values)
        {
            client.Dispose();
        }

        await Portal.DisposeAsync();
        await _root.DisposeAsync();
        _logs.Dispose();
    }
}
