using System.Text;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Auth;

/// <summary>Basic and Bearer authentication for <c>/api/*</c>; anything else is 401 with ServiceNow's envelope.</summary>
internal sealed class AuthenticationMiddleware(RequestDelegate next, UserDirectory users, OAuthTokenStore tokens)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (Authenticate(context.Request.Headers.Authorization.ToString()) is { } caller)
        {
            caller.AttachTo(context);
            await next(context);
            return;
        }

        await ServiceNowError.NotAuthenticated().WriteAsync(context);
    }

    private Caller? Authenticate(string authorization)
    {
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            }
            catch (FormatException)
            {
                return null;
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : users.SignIn(decoded[..colon], decoded[(colon + 1)..]);
        }

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return tokens.ValidAccessToken(authorization[7..].Trim()) is { } token ? users.ById(token.UserSysId) : null;
        }

        return null;
    }
}
