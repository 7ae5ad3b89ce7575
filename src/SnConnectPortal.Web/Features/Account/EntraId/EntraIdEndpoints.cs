using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Account.EntraId;

public static class EntraIdEndpoints
{
    public const string SignInPath = "/account/login/microsoft";
    public const string CompletePath = "/account/login/microsoft/complete";
    public const string SignOutPath = "/account/logout/microsoft";
    public const string RefusedPath = "/account/microsoft-refused";
    public const string SignedOutPath = "/account/signed-out";

    /// <summary>
    /// <c>GET /account/login/microsoft</c> sends the browser to Entra ID; Microsoft.Identity.Web's handler takes the answer
    /// at the CallbackPath into Identity's external cookie and returns to <c>GET /account/login/microsoft/complete</c>,
    /// which signs in with the portal's own cookie. <c>GET /account/logout/microsoft</c> sends the browser to Entra ID's
    /// end-session endpoint. Mapped only when section <c>AzureAd</c> is configured.
    /// </summary>
    /// <remarks>
    /// Links, not forms: the page's Content-Security-Policy (form-action 'self') stops a form submission that redirects to
    /// another site, and neither needs a guard (starting a sign-in signs nobody in; Entra ID's sign-out is a link anyway).
    /// </remarks>
    public static IEndpointRouteBuilder MapEntraIdSignIn(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<PortalAuthenticationOptions>>().Value.MicrosoftSignIn)
        {
            return endpoints;
        }

        endpoints.MapGet(SignInPath, (string? returnUrl) =>
        {
            var complete = $"{CompletePath}?returnUrl={Uri.EscapeDataString(LocalUrlOrHome(returnUrl))}";
            return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = complete }, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).AllowAnonymous();

        endpoints.MapGet(CompletePath, async Task<IResult> (HttpContext context, EntraIdSignIn signIn, string? returnUrl) =>
        {
            var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded)
            {
                return TypedResults.LocalRedirect("/account/login");
            }

            var refusal = await signIn.SignInAsync(external.Principal, context.RequestAborted);
            return refusal is null
                ? TypedResults.LocalRedirect(LocalUrlOrHome(returnUrl))
                : TypedResults.LocalRedirect(RefusalPage(refusal.Value));
        }).AllowAnonymous();

        endpoints.MapGet(SignOutPath, () =>
            TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/account/login" }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        return endpoints;
    }

    public static string RefusalPage(EntraIdRefusal refusal) => $"{RefusedPath}?reason={refusal}";

    // Only a path on this site: anything else would make the sign-in an open redirect.
    private static string LocalUrlOrHome(string? returnUrl) => RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
