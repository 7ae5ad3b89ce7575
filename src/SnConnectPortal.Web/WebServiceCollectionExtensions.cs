using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MudBlazor.Services;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Account;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Features.Administration;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebServiceCollectionExtensions
{
    /// <summary>Interactive server rendering, MudBlazor, health checks and the portal's page services.</summary>
    public static IHostApplicationBuilder AddPortalWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<ThemePreferences>();
        services.AddHealthChecks();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditQuery>();
        if (builder.Environment.IsDevelopment())
        {
            // A query that limits rows without an order returns whichever rows the database likes. Under dotnet run and in
            // every test host (in-process and the portal process the browser tests start, all Development) EF's warning
            // becomes an exception, so such a query fails a test instead of scrolling past in the log. Production only logs it.
            services.ConfigureDbContext<PortalDbContext>(
                options => options.ConfigureWarnings(warnings => warnings.Throw(
                CoreEventId.RowLimitingOperationWithoutOrderByWarning,
                CoreEventId.FirstWithoutOrderByAndFilterWarning,
                CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning)),
                ServiceLifetime.Singleton);
        }

        return builder;
    }
}
