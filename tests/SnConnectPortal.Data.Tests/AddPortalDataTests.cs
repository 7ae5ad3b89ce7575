using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Data.Tests;

/// <summary>What the web app gets from <c>builder.AddPortalData()</c> with the default SQLite provider.</summary>
public sealed class AddPortalDataTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task Start_FirstRun_CreatesSqliteFileAndItsFolderUnderContentRoot()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.BuildSqlite(_contentRoot.Path, "state/nested/portal.db");

        await host.StartAsync(timeout.Token);

        Assert.True(File.Exists(Path.Combine(_contentRoot.Path, "state", "nested", "portal.db")));
    }

    [Fact]
    public async Task Start_NoSqlitePathSet_UsesDefaultFileUnderContentRoot()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.Build(_contentRoot.Path, new Dictionary<string, string?>());

        await host.StartAsync(timeout.Token);

        Assert.True(File.Exists(Path.Combine(_contentRoot.Path, "data", "snconnectportal.db")));
    }

    [Fact]
    public async Task Start_Sqlite_FileUsesWriteAheadLogging()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.BuildSqlite(_contentRoot.Path, "portal.db");

        await host.StartAsync(timeout.Token);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_contentRoot.Path, "portal.db")}");
        await connection.OpenAsync(timeout.Token);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode", timeout.Token));
    }

    [Fact]
    public async Task ContextConnection_Sqlite_WaitsForLocksAndEnforcesForeignKeys()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.BuildSqlite(_contentRoot.Path, "portal.db");
        await host.StartAsync(timeout.Token);
        await using var context = await host.Services
            .GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync(timeout.Token);

        await context.Database.OpenConnectionAsync(timeout.Token);

        var connection = context.Database.GetDbConnection();
        Assert.Equal(
            (long)SqliteConnectionPragmasInterceptor.BusyTimeoutMilliseconds,
            await ScalarAsync(connection, "PRAGMA busy_timeout", timeout.Token));
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys", timeout.Token));
    }

    [Fact]
    public async Task Services_Scope_ResolvesPortalDbContextForIdentityStores()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.BuildSqlite(_contentRoot.Path, "portal.db");
        await host.StartAsync(timeout.Token);

        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        Assert.Same(context, scope.ServiceProvider.GetRequiredService<PortalDbContext>());
        Assert.Equal(0, await context.Users.CountAsync(timeout.Token));
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ReadinessCheck_DatabaseReachable_ReportsHealthy(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);

        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains("ready"), timeout.Token);

        var check = Assert.Single(report.Entries);
        Assert.Equal("database", check.Key);
        Assert.Equal(HealthStatus.Healthy, check.Value.Status);
    }

    [Theory]
    [InlineData(DatabaseProviders.Sqlite, null, "DbContextHealthCheck`1")]
    [InlineData(DatabaseProviders.Postgres, "Host=127.0.0.1;Database=never_opened", "NpgSqlHealthCheck")]
    [InlineData(DatabaseProviders.SqlServer, "Server=127.0.0.1;Database=never_opened;Integrated Security=true", "SqlServerHealthCheck")]
    public void ReadinessCheck_IsTheProvidersOwnHealthCheck(string provider, string? connectionString, string checkType)
    {
        using var host = PortalDataHost.Build(_contentRoot.Path, new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        });

        var registration = Assert.Single(host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);

        Assert.Equal(("database", true), (registration.Name, registration.Tags.Contains("ready")));
        Assert.Equal(checkType, registration.Factory(host.Services).GetType().Name);
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
