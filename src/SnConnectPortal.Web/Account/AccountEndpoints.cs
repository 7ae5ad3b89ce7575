using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Account;

public static class AccountEndpoints
{
    /// <summary><c>POST /account/logout</c> (antiforgery-checked): signs out and returns to the sign-in page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (SignInManager<PortalUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).RequireAuthorization();
        return endpoints;
    }
}
