using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.TwoFactor;

namespace Microsoft.Extensions.DependencyInjection;

public static class TwoFactorServiceCollectionExtensions
{
    /// <summary>
    /// Two-factor sign-in for local accounts: Identity's authenticator (TOTP) token provider, a user store that encrypts
    /// the authenticator key and recovery codes, enrolment, the sign-in step and the Admin's requirement.
    /// </summary>
    public static IHostApplicationBuilder AddPortalTwoFactor(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        new IdentityBuilder(typeof(PortalUser), typeof(IdentityRole), services)
            .AddTokenProvider<AuthenticatorTokenProvider<PortalUser>>(TokenOptions.DefaultAuthenticatorProvider);
        // Registered after AddPortalSecurity's AddEntityFrameworkStores, so this store is the one resolved.
        services.AddScoped<IUserStore<PortalUser>, ProtectedTokenUserStore>();
        services.AddScoped<TwoFactorEnrolment>();
        services.AddScoped<TwoFactorSignIn>();
        services.AddSingleton<TwoFactorRequirement>();
        return builder;
    }
}
