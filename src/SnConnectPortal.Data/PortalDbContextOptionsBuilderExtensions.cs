using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data;

/// <summary>Points a <see cref="PortalDbContext"/> at the database that <see cref="DatabaseOptions"/> chose.</summary>
public static class PortalDbContextOptionsBuilderExtensions
{
    // Named by string: the provider projects reference this one, never the other way round.
    public const string SqliteMigrationsAssembly = "SnConnectPortal.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "SnConnectPortal.Data.Postgres";
    public const string SqlServerMigrationsAssembly = "SnConnectPortal.Data.SqlServer";

    public static DbContextOptionsBuilder UsePortalDatabase(
        this DbContextOptionsBuilder builder,
        DatabaseOptions options,
        string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        if (DatabaseProviders.IsPostgres(options.Provider))
        {
            return builder.UseNpgsql(
                options.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }

        if (DatabaseProviders.IsSqlServer(options.Provider))
        {
            return builder.UseSqlServer(
                options.ConnectionString,
                sqlServer => sqlServer.MigrationsAssembly(SqlServerMigrationsAssembly));
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.ResolveSqlitePath(contentRootPath),
            ForeignKeys = true,
        }.ToString();
        return builder
            .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
            .AddInterceptors(new SqliteConnectionPragmasInterceptor());
    }
}
