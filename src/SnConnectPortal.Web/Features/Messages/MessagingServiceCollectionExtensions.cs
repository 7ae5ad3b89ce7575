using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Messages;

namespace Microsoft.Extensions.DependencyInjection;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The inbound receiver (section <c>Inbound</c>: credentials with their cache and the throttle on wrong ones,
    /// per-connection rate limits, the group-commit writer), the test-payload sender (to the portal's own address,
    /// redirects off, through the destination guard), and the message view's services (section <c>Messages</c>:
    /// query, live notifier, the retention setting and its purge).
    /// </summary>
    public static IHostApplicationBuilder AddPortalMessaging(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<InboundOptions>().BindConfiguration(InboundOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboundOptions>, InboundOptionsValidator>();
        services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagesOptions>, MessagesOptionsValidator>();

        services.AddSingleton<InboundAuthThrottle>();
        services.AddSingleton<InboundCredentials>();
        services.AddSingleton<InboundRateLimiter>();
        services.AddSingleton<InboundUrls>();
        services.AddSingleton<InboundEndpointAdministration>();
        services.AddSingleton<MessageNotifier>();
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageWriter>());
        services.AddSingleton<MessageQuery>();
        services.AddSingleton<MessageRetentionSetting>();
        services.AddSingleton<MessageRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageRetention>());

        services.AddSingleton<TestPayloadTarget>();
        services.AddHttpClient(TestPayloadSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<DestinationGuard>().Handler(
                new SocketsHttpHandler { AllowAutoRedirect = false },
                provider.GetRequiredService<TestPayloadTarget>().BaseAddress() is { } target ? [target.Host] : []));
        services.AddSingleton<TestPayloadSender>();
        return builder;
    }
}
