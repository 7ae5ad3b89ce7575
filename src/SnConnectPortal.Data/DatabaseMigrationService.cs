using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Data;

/// <summary>
/// Brings the database up to date before the server accepts requests: creates the SQLite file's folder,
/// switches SQLite to write-ahead logging, and applies pending migrations.
/// </summary>
public sealed partial class DatabaseMigrationService(
    IDbContextFactory<PortalDbContext> contextFactory,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        var isSqlite = DatabaseProviders.IsSqlite(database.Provider);
        if (isSqlite)
        {
            var path = database.ResolveSqlitePath(environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            LogSqliteFile(logger, path);
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (isSqlite)
        {
            // WAL lets readers carry on while one connection writes; the mode is stored in the file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogApplyingMigrations(logger, pending.Count, string.Join(", ", pending));
            await context.Database.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the SQLite database {Path}")]
    private static partial void LogSqliteFile(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} database migration(s): {Migrations}")]
    private static partial void LogApplyingMigrations(ILogger logger, int count, string migrations);
}
