using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Web.Features.ApiKeys;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>
    /// API keys for machines: the key authentication scheme, the monitoring policies that accept a key, and the
    /// administration behind the "API keys" screen.
    /// </summary>
    public static IHostApplicationBuilder AddPortalApiKeys(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<ApiKeyRefusalAudit>();
        services.AddHostedService<ApiKeyRefusalAuditFlush>();
        services.AddSingleton<ApiKeyAdministration>();
        services.AddSingleton<IValidator<NewApiKey>, NewApiKeyValidator>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, displayName: null, _ => { })
            .AddPolicyScheme(ApiKeyAuthentication.CookieOrApiKeyScheme, displayName: null, scheme => scheme.ForwardDefaultSelector =
                context => ApiKeyAuthentication.IsPresented(context.Request) ? ApiKeyAuthentication.Scheme : IdentityConstants.ApplicationScheme);

        // Replaces the cookie as the default set by AddPortalSecurity (registered before this): a request with a key is
        // judged by the key alone, so a key gets 401/403 everywhere it is not accepted, never the sign-in page.
        services.Configure<AuthenticationOptions>(authentication => authentication.DefaultScheme = ApiKeyAuthentication.CookieOrApiKeyScheme);
        services.AddAuthorizationBuilder().AddMonitoringPolicies();
        return builder;
    }
}
