using Radzen;
using SnConnectPortal.Web.Audit;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebServiceCollectionExtensions
{
    /// <summary>Interactive server rendering, Radzen, health checks and the portal's page services.</summary>
    public static IHostApplicationBuilder AddPortalWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddHealthChecks();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditQuery>();
        return builder;
    }
}
