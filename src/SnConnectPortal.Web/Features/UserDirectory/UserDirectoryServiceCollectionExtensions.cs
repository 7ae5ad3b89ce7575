using Microsoft.Extensions.DependencyInjection.Extensions;
using SnConnectPortal.Web.Features.UserDirectory;

namespace Microsoft.Extensions.DependencyInjection;

public static class DirectoryServiceCollectionExtensions
{
    /// <summary>
    /// ServiceNow user import (on demand and on a schedule, resumable), the hub's users to map, auto-matching and
    /// the mapping screen's services, and the resolver outbound delivery uses (section <c>Directory</c>).
    /// </summary>
    public static IHostApplicationBuilder AddPortalDirectory(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectoryOptions>().BindConfiguration(DirectoryOptions.SectionName);
        services.AddServiceNowClient();
        services.AddSingleton<UserImporter>();
        services.AddSingleton<UserImportCoordinator>();
        services.AddHostedService<UserImportScheduler>();
        services.AddSingleton<HubUsers>();
        services.AddSingleton<MappingVersion>();
        services.AddSingleton<UserMappings>();
        services.AddSingleton<MappingQueries>();
        services.AddSingleton<ImportedUsersQuery>();
        services.AddMemoryCache();
        services.AddSingleton<UserResolver>();
        return builder;
    }
}
