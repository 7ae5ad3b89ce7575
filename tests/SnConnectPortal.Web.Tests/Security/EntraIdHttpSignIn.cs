using System.Net;
using System.Text.RegularExpressions;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>
/// Microsoft sign-in over HTTP: the browser's part is played by two HttpClients, one for the portal (in-process) and one
/// for the test provider (its own server on loopback), following the redirects and the provider's form post.
/// </summary>
public static partial class EntraIdHttpSignIn
{
    /// <returns>The portal's answer at the end: where it sends the browser after the sign-in.</returns>
    public static async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient portal, string userName)
    {
        var challenge = await portal.GetAsync("/account/login/microsoft");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;

        // The provider's sign-in page posts the authorization request back with the user name.
        using var provider = new HttpClient();
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        var request = query.AllKeys.ToDictionary(key => key!, key => query[key]!);
        request["username"] = userName;
        var answer = await provider.PostAsync(authorize.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent(request));
        var html = await answer.Content.ReadAsStringAsync();

        // The provider answers with a form the browser posts to the portal's CallbackPath (response_mode=form_post).
        var callback = new Uri(FormAction().Match(html).Groups[1].Value);
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var callbackAnswer = await portal.PostAsync(callback.PathAndQuery, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, callbackAnswer.StatusCode);
        var next = Redirects.PathOf(callbackAnswer)!;
        return next.StartsWith(EntraIdEndpoints.CompletePath, StringComparison.Ordinal) ? await portal.GetAsync(next) : callbackAnswer;
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
