using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace Microsoft.Extensions.DependencyInjection;

public static class DependencyInjection
{
    /// <summary>
    /// The portal's database: <see cref="DatabaseOptions"/> validated at start, an
    /// <see cref="IDbContextFactory{PortalDbContext}"/> for components, a scoped <see cref="PortalDbContext"/>
    /// for Identity's stores, the <c>database</c> readiness check, and migrations applied at start.
    /// </summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // Also registers PortalDbContext itself as a scoped service (created by the factory), which is what
        // Identity's UserStore/RoleStore resolve.
        services.AddDbContextFactory<PortalDbContext>((provider, options) => options.UsePortalDatabase(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath));

        AddDatabaseCheck(builder);
        services.AddHostedService<DatabaseMigrationService>();
        return builder;
    }

    /// <summary>
    /// The <c>database</c> readiness check: the server's own health check (AspNetCore.HealthChecks.NpgSql /
    /// .SqlServer: opens a connection and runs <c>SELECT 1</c>) for PostgreSQL and SQL Server, EF's
    /// <c>CanConnect</c> for the SQLite file.
    /// </summary>
    private static void AddDatabaseCheck(IHostApplicationBuilder builder)
    {
        const string name = "database";
        string[] tags = ["ready"];
        var checks = builder.Services.AddHealthChecks();
        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"];
        if (DatabaseProviders.IsPostgres(provider))
        {
            checks.AddNpgSql(ConnectionString, name: name, tags: tags);
        }
        else if (DatabaseProviders.IsSqlServer(provider))
        {
            checks.AddSqlServer(ConnectionString, name: name, tags: tags);
        }
        else
        {
            checks.AddDbContextCheck<PortalDbContext>(name, tags: tags);
        }

        // Read when the check runs, from the validated options.
        static string ConnectionString(IServiceProvider services) =>
            services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!;
    }
}
