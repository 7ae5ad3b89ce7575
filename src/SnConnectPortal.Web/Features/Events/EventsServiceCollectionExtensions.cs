using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Events;

namespace Microsoft.Extensions.DependencyInjection;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// The events API (section <c>Events</c>): <c>POST /api/events</c> for API keys with <c>events:write</c>, storing each
    /// event as an outbound message that the delivery worker sends.
    /// </summary>
    public static IHostApplicationBuilder AddPortalEvents(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EventsOptions>().BindConfiguration(EventsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>();
        services.AddSingleton<IValidator<IncomingEvent>, IncomingEventValidator>();
        services.AddSingleton<EventIntake>();
        services.AddAuthorizationBuilder().AddPolicy(EventsEndpoint.EventsWriterKey, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthentication.Scheme)
            .RequireClaim(ApiKeyAuthentication.ScopeClaim, ApiKeyScopes.EventsWrite));
        return builder;
    }
}
