using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using SnConnectPortal.Web.Features.Account.EntraId;

namespace Microsoft.Extensions.DependencyInjection;

public static class EntraIdServiceCollectionExtensions
{
    /// <summary>
    /// Section <c>Authentication</c> (local accounts on or off, the Entra ID role mapping) and, when section <c>AzureAd</c>
    /// is configured, sign-in with Microsoft Entra ID through Microsoft.Identity.Web: the authorization code flow, a
    /// token accepted only from the configured tenant, the code redeemed with a client secret or a certificate
    /// (<see cref="EntraIdClientCertificate"/>), the answer kept in Identity's external cookie until
    /// <see cref="EntraIdSignIn"/> signs the user in with the portal's own cookie.
    /// </summary>
    public static IHostApplicationBuilder AddPortalEntraId(this IHostApplicationBuilder builder)
    {
        var azureAd = builder.Configuration.GetSection(PortalAuthenticationOptions.AzureAdSectionName);
        var configured = azureAd.Exists();
        builder.Services.AddOptions<PortalAuthenticationOptions>()
            .BindConfiguration(PortalAuthenticationOptions.SectionName)
            .Configure(options => options.MicrosoftSignIn = configured)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PortalAuthenticationOptions>, PortalAuthenticationOptionsValidator>();
        if (!configured)
        {
            return builder;
        }

        builder.Services.AddAuthentication()
            .AddMicrosoftIdentityWebApp(azureAd, OpenIdConnectDefaults.AuthenticationScheme, cookieScheme: null);
        // Microsoft.Identity.Web never passes AzureAd:RequireHttpsMetadata=false on, and the handler's own post-configuration
        // checks it, so it is set here, before that (PortalAuthenticationOptionsValidator refuses false outside Development).
        builder.Services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
            oidc => oidc.RequireHttpsMetadata = azureAd.GetValue("RequireHttpsMetadata", defaultValue: true));
        builder.Services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
        {
            var tenantId = azureAd["TenantId"] ?? "";
            oidc.SignInScheme = IdentityConstants.ExternalScheme;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.SaveTokens = false;
            // One tenant: exactly its issuer, instead of Microsoft.Identity.Web's any-tenant issuer check.
            oidc.TokenValidationParameters.IssuerValidator = null;
            oidc.TokenValidationParameters.ValidIssuer = $"{azureAd["Instance"]?.TrimEnd('/')}/{tenantId}/v2.0";
            EntraIdEvents.Apply(oidc.Events, tenantId);
        });

        var certificates = EntraIdClientCertificate.DescribedIn(azureAd);
        if (certificates.Count > 0)
        {
            builder.Services.AddSingleton(services => new EntraIdClientCertificate(certificates, services.GetRequiredService<TimeProvider>()));
            builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .PostConfigure<EntraIdClientCertificate>((oidc, certificate) => certificate.RedeemCodesWithAssertions(oidc));
        }

        builder.Services.AddScoped<EntraIdSignIn>();
        return builder;
    }
}
