using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Messages.AcrossNodes;

namespace Microsoft.Extensions.DependencyInjection;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The message view's services (section <c>Messages</c>): query, live notifier, the retention setting and its
    /// purge, the operator's retry and replay of failed deliveries, and the news of other portal nodes on the same database.
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
        AddNewsAcrossNodes(builder);

        return builder;
    }

    /// <summary>
    /// PostgreSQL: each node NOTIFYs its news and LISTENs for the others'. SQL Server has no notifications: a node polls
    /// the message log while a page listens. SQLite is one node: nothing.
    /// </summary>
    private static void AddNewsAcrossNodes(IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)}"];
        if (DatabaseProviders.IsPostgres(provider))
        {
            builder.Services.AddHostedService<PostgresNewsSender>();
            builder.Services.AddHostedService<PostgresNewsListener>();
        }
        else if (DatabaseProviders.IsSqlServer(provider))
        {
            builder.Services.AddHostedService<MessageLogPoll>();
        }
    }
}
