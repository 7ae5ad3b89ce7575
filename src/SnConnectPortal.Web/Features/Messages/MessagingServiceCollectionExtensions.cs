using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Messages;

namespace Microsoft.Extensions.DependencyInjection;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The message view's services (section <c>Messages</c>): query, live notifier, the retention setting and its
    /// purge, and the operator's retry and replay of failed deliveries.
    /// </summary>
    public static IHostApplicationBuilder AddPortalMessaging(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagesOptions>, MessagesOptionsValidator>();

        services.AddSingleton<MessageNotifier>();
        services.AddSingleton<MessageQuery>();
        services.AddSingleton<MessageRetentionSetting>();
        services.AddSingleton<MessageRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageRetention>());
        services.AddSingleton<MessageRedelivery>();

        return builder;
    }
}
