using Microsoft.AspNetCore.Authorization;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Features.ApiKeys;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>
/// While an Admin requires two-factor sign-in, a user signed in without a second factor reaches nothing but the account
/// pages: a page request goes to the enrolment page (and back afterwards), anything else gets 403. The requirement is for
/// local accounts: a user who signed in with Microsoft Entra ID has no password here and is not asked.
/// </summary>
public sealed class TwoFactorEnrolmentGate(RequestDelegate next)
{
    public const string EnrolPath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context, TwoFactorRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.IsApiKey() || TwoFactorEnrolment.SignedInWithSecondFactor(user)
            || EntraIdSignIn.SignedInWithEntraId(user) // Entra ID applies its own conditional access and MFA
            || context.Request.Path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || !await requirement.IsRequiredAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }

        var isPage = HttpMethods.IsGet(context.Request.Method) && !Path.HasExtension(context.Request.Path.Value)
            && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        if (isPage)
        {
            context.Response.Redirect(EnrolPath + "?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
            return;
        }

        await Results.Problem("Two-factor sign-in is required: set it up on " + EnrolPath + " first.", statusCode: StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);
    }
}
