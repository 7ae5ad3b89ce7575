using FluentValidation;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Sandbox;
using SnConnectPortal.Web;

namespace Microsoft.Extensions.DependencyInjection;

public static class ConnectionsServiceCollectionExtensions
{
    /// <summary>
    /// The connection wizard and connection management: address rules (section <c>Connections</c>), validators,
    /// the services behind the pages, the ServiceNow client every check and import uses (its connections refused for
    /// restricted addresses outside Connections:AllowedPrivateHosts), and the sandbox instance
    /// (section <c>Sandbox</c>) that the wizard can fill in and the portal can start beside itself.
    /// </summary>
    public static IHostApplicationBuilder AddPortalConnections(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConnectionsOptions>().BindConfiguration(ConnectionsOptions.SectionName);
        services.AddOptions<OutboundDestinationOptions>().BindConfiguration(ConnectionsOptions.SectionName);
        services.AddServiceNowClient();

        services.AddSingleton<IConnectionNames, ConnectionNames>();
        services.AddSingleton<IValidator<ConnectionDraft>, ConnectionDraftValidator>();
        services.AddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<ConnectionQueries>();
        services.AddSingleton<ConnectionAdministration>();
        services.AddSingleton<ConnectionSettingsSource>();
        services.AddSingleton<IConnectionSettingsSource>(provider => provider.GetRequiredService<ConnectionSettingsSource>());
        services.AddTransient<ConnectionWizardState>();

        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        services.AddHttpClient(SandboxInstance.HttpClientName);
        services.AddSingleton<SandboxInstance>();
        services.AddHostedService<SandboxLauncher>();
        return builder;
    }
}
