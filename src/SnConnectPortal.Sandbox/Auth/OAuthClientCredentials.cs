using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SnConnectPortal.Sandbox.Auth;

/// <summary>
/// The OAuth client's id and secret, taken from the form body or from HTTP Basic, as RFC 6749 section 2.3.1 requires
/// of a token endpoint (SERVICENOW-API.md section 3). A request that uses both methods, or a malformed Basic header,
/// authenticates no client.
/// </summary>
internal readonly record struct OAuthClientCredentials(string Id, string Secret)
{
    public static OAuthClientCredentials? From(HttpRequest request, IFormCollection form)
    {
        var inBody = form.ContainsKey("client_id") || form.ContainsKey("client_secret");
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return inBody ? new OAuthClientCredentials(form["client_id"].ToString(), form["client_secret"].ToString()) : null;
        }

        return inBody ? null : FromBasic(header.Parameter);
    }

    // Section 2.3.1: id and secret are form-urlencoded before they are joined with a colon and base64-encoded.
    private static OAuthClientCredentials? FromBasic(string? parameter)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? null
            : new OAuthClientCredentials(FormDecode(decoded[..colon]), FormDecode(decoded[(colon + 1)..]));
    }

    private static string FormDecode(string value) => QueryHelpers.ParseQuery("v=" + value)["v"].ToString();
}
