using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Seeding;

namespace SnConnectPortal.Sandbox.Auth;

/// <summary>
/// <c>POST /oauth_token.do</c>: password, refresh_token and client_credentials grants, the client authenticated in the
/// body or by HTTP Basic (SERVICENOW-API.md section 3).
/// </summary>
internal static class OAuthTokenEndpoint
{
    public static void MapOAuthToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/oauth_token.do", HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(
        HttpContext context, UserDirectory users, OAuthTokenStore tokens, RuntimeSettingsHolder settings)
    {
        if (!context.Request.HasFormContentType)
        {
            await DeniedAsync(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (OAuthClientCredentials.From(context.Request, form) != new OAuthClientCredentials(FixedSeed.OAuthClientId, FixedSeed.OAuthClientSecret))
        {
            await DeniedAsync(context);
            return;
        }

        var current = settings.Current;
        var clientId = FixedSeed.OAuthClientId;
        OAuthTokenStore.TokenGrant? grant = form["grant_type"].ToString() switch
        {
            "password" when !current.PasswordGrantDisabled =>
                users.SignIn(form["username"].ToString(), form["password"].ToString()) is { } caller
                    ? tokens.Issue(caller.SysId, clientId, withRefreshToken: true)
                    : null,
            "refresh_token" => tokens.Refresh(form["refresh_token"].ToString(), clientId) is { } refreshed
                && users.ById(refreshed.Access.UserSysId) is not null
                    ? refreshed
                    : null,
            "client_credentials" when current.ClientCredentialsGrantEnabled =>
                users.ByName(FixedSeed.OAuthApplicationUser) is { } appUser
                    ? tokens.Issue(appUser.SysId, clientId, withRefreshToken: false)
                    : null,
            _ => null,
        };

        if (grant is null)
        {
            await DeniedAsync(context);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("scope", "useraccount");
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", grant.ExpiresInSeconds);
            if (grant.Refresh is { } refresh)
            {
                writer.WriteString("refresh_token", refresh.Value);
            }

            writer.WriteString("access_token", grant.Access.Value);
            writer.WriteEndObject();
        });
    }

    /// <summary>ServiceNow's one answer to every failed grant: 401 access_denied.</summary>
    private static Task DeniedAsync(HttpContext context) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error_description", "access_denied");
            writer.WriteString("error", "server_error");
            writer.WriteEndObject();
        });
}
