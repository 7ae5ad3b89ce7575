using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Dashboard;

namespace Microsoft.Extensions.DependencyInjection;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The home dashboard (section <c>Dashboard</c>): its queries and the figures shared by every open dashboard.</summary>
    public static IHostApplicationBuilder AddPortalDashboard(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<DashboardStatistics>();
        return builder;
    }
}
