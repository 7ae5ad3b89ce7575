using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.ServiceNow.Network;
using SnConnectPortal.Web.Features.Alerts;

namespace Microsoft.Extensions.DependencyInjection;

public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Alerts (section <c>Alerts</c>): the scheduled Systems Checks, the alert conditions evaluated on a timer, their
    /// delivery by email (MailKit) and webhook (through the destination guard), and the Admin's settings and recipients.
    /// </summary>
    public static IHostApplicationBuilder AddPortalAlerts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>();
        services.AddSingleton<IValidator<AlertSettingsDraft>, AlertSettingsDraftValidator>();
        services.AddSingleton<IValidator<AlertRecipientDraft>, AlertRecipientDraftValidator>();
        services.AddSingleton<AlertSettingsStore>();
        services.AddSingleton<AlertRecipients>();
        services.AddSingleton<AlertHistory>();

        services.AddHttpClient(AlertWebhookSender.ClientName, (provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AlertsOptions>>().Value.SendTimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<DestinationGuard>().Handler(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            }));
        services.AddSingleton<AlertEmailSender>();
        services.AddSingleton<AlertWebhookSender>();
        services.AddSingleton<AlertDispatcher>();

        services.AddSingleton<AlertFactsQuery>();
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertMonitor>());
        services.AddSingleton<ScheduledSystemsChecks>();
        services.AddHostedService(provider => provider.GetRequiredService<ScheduledSystemsChecks>());
        return builder;
    }
}
