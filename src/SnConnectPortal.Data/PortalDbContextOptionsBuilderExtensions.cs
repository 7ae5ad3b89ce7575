using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SnConnectPortal.Data;

/// <summary>Points a <see cref="PortalDbContext"/> at the database that <see cref="DatabaseOptions"/> chose.</summary>
public static class PortalDbContextOptionsBuilderExtensions
{
    // Named by string: the provider projects reference this one, never the other way round.
    public const string SqliteMigrationsAssembly = "SnConnectPortal.Data.Sqlite";
    public const string PostgresMigrationsAssembly = "SnConnectPortal.Data.Postgres";

    public static DbContextOptionsBuilder UsePortalDatabase(
        this DbContextOptionsBuilder builder,
        DatabaseOptions options,
        string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        if (DatabaseProviders.IsPostgres(options.Provider))
        {
            builder.UseNpgsql(
                options.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.ResolveSqlitePath(contentRootPath),
                ForeignKeys = true,
            }.ToString();
            builder
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(new SqliteConnectionPragmasInterceptor());
        }

        // Migrations are written by hand (Microsoft.EntityFrameworkCore.Design is not served here), so there is
        // no model snapshot for EF to compare against and it would always report pending changes. The schema
        // tests in SnConnectPortal.Data.Tests prove that each provider's migrations build exactly the model.
        builder.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        return builder;
    }
}
