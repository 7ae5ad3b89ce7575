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

        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database", tags: ["ready"]);
        services.AddHostedService<DatabaseMigrationService>();
        return builder;
    }
}
