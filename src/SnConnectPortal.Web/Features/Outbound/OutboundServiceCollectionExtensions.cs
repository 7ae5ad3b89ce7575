using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Outbound;

namespace Microsoft.Extensions.DependencyInjection;

public static class OutboundServiceCollectionExtensions
{
    /// <summary>
    /// Outbound delivery (section <c>Outbound</c>): the outbox, the worker that delivers it to ServiceNow at each
    /// connection's rate limit, and the test-record button.
    /// </summary>
    public static IHostApplicationBuilder AddPortalOutbound(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboundOptions>, OutboundOptionsValidator>();

        services.AddSingleton<OutboundQueue>();
        services.AddSingleton<OutboundPacer>();
        services.AddSingleton<AttachmentUpload>();
        services.AddSingleton<MessageDelivery>();
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryWorker>());
        services.AddSingleton<TestRecordSender>();
        return builder;
    }
}
