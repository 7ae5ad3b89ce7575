using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Tests.Infrastructure;

/// <summary>The portal in-process, on its own real SQLite file that is deleted afterwards.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sncp-web-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;

    public PortalFactory()
        : this(null)
    {
    }

    internal PortalFactory(IReadOnlyDictionary<string, string?>? settings)
    {
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Database:Provider"] = settings?.GetValueOrDefault("Database:Provider") ?? "Sqlite",
        };
        _settings.TryAdd("Database:SqlitePath", DatabasePath);
        _settings.TryAdd("DataProtection:CertificatePath", Path.Combine(_directory, "keyring-protection.pfx"));
    }

    public string DatabasePath => Path.Combine(_directory, "portal.db");

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    public Task<PortalUser> CreateUserAsync(string email, string password, string role) => CreateUserCoreAsync(email, password, role);

    public Task<PortalUser> CreateUserWithoutRoleAsync(string email, string password) => CreateUserCoreAsync(email, password, role: null);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<PortalUser> CreateUserCoreAsync(string email, string password, string? role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        Check(await users.CreateAsync(user, password));
        if (role is not null)
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        return user;
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}
