using System.Text;
using System.Text.Encodings.Web;
using OpenIddict.Abstractions;

namespace SnConnectPortal.Testing.EntraId;

/// <summary>
/// The provider's sign-in page: a user name field (no password, the test chooses who signs in) that posts the
/// authorization request back to the authorization endpoint with the user name added.
/// </summary>
internal static class LoginPage
{
    public const string UserNameField = "username";

    public static string Render(OpenIddictRequest request, string? error)
    {
        var html = HtmlEncoder.Default;
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name != UserNameField)
            {
                hidden.Append($"<input type=\"hidden\" name=\"{html.Encode(name)}\" value=\"{html.Encode(value.ToString() ?? "")}\">");
            }
        }

        var message = error is null ? "" : $"<p role=\"alert\" id=\"error\">{html.Encode(error)}</p>";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Sign in to your account</title></head>
            <body>
            <h1>Sign in to your account</h1>
            {message}
            <form method="post">
            {hidden}
            <label for="{UserNameField}">Email, phone, or Skype</label>
            <input id="{UserNameField}" name="{UserNameField}" autocomplete="username">
            <button type="submit" id="sign-in">Sign in</button>
            </form>
            </body>
            </html>
            """;
    }
}
