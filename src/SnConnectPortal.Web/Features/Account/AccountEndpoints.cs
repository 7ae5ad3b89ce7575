using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Account.EntraId;

namespace SnConnectPortal.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/logout</c> (antiforgery-checked): signs out and returns to the sign-in page (after a Microsoft sign-in: to the page that offers the Microsoft sign-out).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async Task<IResult> (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signInManager) =>
        {
            // The endpoint binds no form, so nothing else would check the token: a cross-site POST must not sign users out.
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return TypedResults.BadRequest("The sign-out form expired. Reload the page and try again.");
            }

            var signedInWithMicrosoft = EntraIdSignIn.SignedInWithEntraId(context.User);
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect(signedInWithMicrosoft ? EntraIdEndpoints.SignedOutPath : "/account/login");
        }).RequireAuthorization();
        return endpoints;
    }
}
