using System.Security.Claims;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// How a machine authenticates with an API key: <c>Authorization: Bearer sncp_…</c>. A key's principal carries its
/// scopes as <see cref="ScopeClaim"/> claims and never a role or a user id, so it is never taken for a signed-in user.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";

    /// <summary>The default scheme: the API key scheme for a request that carries a bearer key, else the sign-in cookie.</summary>
    public const string CookieOrApiKeyScheme = "CookieOrApiKey";

    public const string ScopeClaim = "scope";

    public const string KeyIdClaim = "api_key_id";

    private const string Bearer = "Bearer ";

    /// <summary>Whether the request presents a bearer credential (which is then the only thing it is judged by).</summary>
    public static bool IsPresented(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    /// <summary>The presented key, without the scheme word.</summary>
    public static string PresentedKey(HttpRequest request) => request.Headers.Authorization.ToString()[Bearer.Length..].Trim();

    public static bool IsApiKey(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    public static bool HasApiKeyScope(this ClaimsPrincipal user, string scope) => user.IsApiKey() && user.HasClaim(ScopeClaim, scope);
}
