using Microsoft.Extensions.Options;
using SnConnectPortal.Sandbox;
using SnConnectPortal.Sandbox.Acls;
using SnConnectPortal.Sandbox.Attachments;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.BusinessRules;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Control;
using SnConnectPortal.Sandbox.Faults;
using SnConnectPortal.Sandbox.ImportSets;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Persistence;
using SnConnectPortal.Sandbox.RateLimits;
using SnConnectPortal.Sandbox.Seeding;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace Microsoft.Extensions.DependencyInjection;

internal static class DependencyInjection
{
    /// <summary>Registers the sandbox instance: options, store, auth, the API services and the control surface.</summary>
    public static WebApplicationBuilder AddSandbox(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The REST limit (glide.rest.max_content_length) is enforced per request with ServiceNow's 413 body.
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.AddSelfSignedHttps();

        var services = builder.Services;
        services.AddOptions<SandboxOptions>()
            .BindConfiguration(SandboxOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeSettingsHolder>();
        services.AddSingleton<SandboxClock>();
        services.AddSingleton<InstanceStore>();
        services.AddSingleton<InstanceSeeder>();
        services.AddSingleton<SqliteJournal>();
        services.AddSingleton<StoreInitializer>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<OAuthTokenStore>();
        services.AddSingleton<RowVisibility>();
        services.AddSingleton<TableQuery>();
        services.AddSingleton<RecordWriter>();
        services.AddSingleton<RecordEvents>();
        services.AddSingleton<DeliveryLog>();
        services.AddHostedService<RestMessageSender>();
        services.AddHttpClient(RestMessageSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<SandboxUsers>();
        services.AddSingleton<SandboxReset>();
        services.AddSingleton<AttachmentService>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition =
            System.Text.Json.Serialization.JsonIgnoreCondition.Never);
        return builder;
    }

    /// <summary>The request pipeline and every endpoint.</summary>
    public static WebApplication MapSandbox(this WebApplication app)
    {
        app.Services.GetRequiredService<StoreInitializer>().Initialize();
        app.UseWhen(IsServiceNowSurface, surface =>
        {
            surface.UseMiddleware<RequestLogMiddleware>();
            surface.UseMiddleware<ServiceNowHeadersMiddleware>();
            surface.UseMiddleware<FaultInjectionMiddleware>();
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseMiddleware<AuthenticationMiddleware>();
            api.UseMiddleware<RateLimitMiddleware>();
        });

        app.MapOAuthToken();
        app.MapTableApi();
        app.MapAttachmentApi();
        app.MapImportSetApi();
        app.MapUnknownApi();
        app.MapControl();
        return app;
    }

    private static bool IsServiceNowSurface(HttpContext context) => !context.Request.Path.StartsWithSegments("/sandbox");
}
