using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Coordination;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoordinationServiceCollectionExtensions
{
    /// <summary>
    /// How several portal nodes on one database share the work (section <c>Coordination</c>): this node's name, the
    /// job leases, and its presence (on SQLite, the warning when a second node starts). Call it before the features
    /// whose jobs take leases, so that the presence stops after them and releases their leases.
    /// </summary>
    public static IHostApplicationBuilder AddPortalCoordination(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CoordinationOptions>().BindConfiguration(CoordinationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CoordinationOptions>, CoordinationOptionsValidator>();

        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<JobLeases>();
        services.AddHostedService<NodePresence>();
        return builder;
    }
}
