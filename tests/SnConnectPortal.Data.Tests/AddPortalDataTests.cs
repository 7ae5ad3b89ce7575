using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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

    [Fact]
    public async Task ReadinessCheck_DatabaseReachable_ReportsHealthy()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.BuildSqlite(_contentRoot.Path, "portal.db");
        await host.StartAsync(timeout.Token);

        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains("ready"), timeout.Token);

        var database = Assert.Single(report.Entries);
        Assert.Equal("database", database.Key);
        Assert.Equal(HealthStatus.Healthy, database.Value.Status);
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
