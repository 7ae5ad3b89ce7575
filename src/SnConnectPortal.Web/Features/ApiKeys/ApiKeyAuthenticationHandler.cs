using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// The API key authentication scheme: a request with <c>Authorization: Bearer &lt;key&gt;</c> is the key's principal
/// or is refused with 401; a key whose scopes do not cover the endpoint gets 403. Both answers are problem JSON, never
/// the sign-in page.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeyAuthentication.IsPresented(Request))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await verifier.VerifyAsync(ApiKeyAuthentication.PresentedKey(Request), Context.Connection.RemoteIpAddress?.ToString(),
            Request.Path.Value ?? "/", Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("The API key is unknown, revoked or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem("A valid API key is required: send it as Authorization: Bearer <key>.", statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem("This API key's scopes do not allow this request.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
}
