using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.Inbound;

namespace Microsoft.Extensions.DependencyInjection;

public static class InboundServiceCollectionExtensions
{
    /// <summary>
    /// The inbound receiver (section <c>Inbound</c>): credentials with their cache (cleared when another node changes
    /// one) and the throttle on wrong ones,
    /// per-connection rate limits, the group-commit writer; and the test-payload sender (to the portal's own address,
    /// redirects off, through the destination guard).
    /// </summary>
    public static IHostApplicationBuilder AddPortalInbound(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboundOptions>, InboundOptionsValidator>();

        services.AddSingleton<InboundAuthThrottle>();
        services.AddSingleton<InboundCredentials>();
        services.AddSingleton<InboundCredentialChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<InboundCredentialChanges>());
        services.AddSingleton<InboundRateLimiter>();
        services.AddSingleton<InboundUrls>();
        services.AddSingleton<InboundEndpointAdministration>();
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageWriter>());

        services.AddSingleton<TestPayloadTarget>();
        services.AddHttpClient(TestPayloadSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<DestinationGuard>().Handler(
                new SocketsHttpHandler { AllowAutoRedirect = false },
                provider.GetRequiredService<TestPayloadTarget>().BaseAddress() is { } target ? [target.Host] : []));
        services.AddSingleton<TestPayloadSender>();
        return builder;
    }
}
