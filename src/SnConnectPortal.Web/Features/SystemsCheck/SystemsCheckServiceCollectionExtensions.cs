using System.Net;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.SystemsCheck;

namespace Microsoft.Extensions.DependencyInjection;

public static class SystemsCheckServiceCollectionExtensions
{
    /// <summary>
    /// The Systems Check: its bounds (section <c>SystemsCheck</c>), the step runner, the probe HttpClient (no
    /// credentials, no redirects, bounded by each step, connections through the destination guard), and the service that stores runs and moves a connection's status.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSystemsCheck(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SystemsCheckOptions>()
            .BindConfiguration(SystemsCheckOptions.SectionName)
            .Validate(o => o.StepTimeoutSeconds is > 0 and <= 300, "SystemsCheck:StepTimeoutSeconds must be between 0 and 300.")
            .Validate(o => o.ClockSkewWarnSeconds >= 0 && o.ClockSkewFailSeconds >= o.ClockSkewWarnSeconds,
                "SystemsCheck:ClockSkewFailSeconds must be at least SystemsCheck:ClockSkewWarnSeconds, and both non-negative.")
            .ValidateOnStart();
        services.AddServiceNowClient();
        services.AddHttpClient(SystemsCheckRunner.ProbeClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<DestinationGuard>().Handler(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            }));
        services.AddSingleton<SystemsCheckRunner>();
        services.AddSingleton<SystemsCheckService>();
        services.AddSingleton<InstanceCertificateProbe>();
        return builder;
    }
}
