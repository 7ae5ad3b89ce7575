using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing.EntraId;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>
/// Microsoft sign-in over HTTP: the browser's part is played by two HttpClients, one for the portal (in-process) and one
/// for the test provider (its own server on loopback), following the redirects and the provider's form post.
/// </summary>
public sealed partial class EntraIdSignInTests : IAsyncLifetime
{
    private const string OtherTenantId = "0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";

    private EntraIdProvider _entra = default!;
    private PortalFactory _portal = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _entra = await EntraIdProvider.StartAsync(EntraIdPortalSettings.TenantId);
        _portal = new PortalFactory(EntraIdPortalSettings.For(_entra, localAccounts: false).ToDictionary(s => s.Key, s => (string?)s.Value));
        _client = _portal.CreateBrowserLikeClient();
        await _entra.RegisterApplicationAsync(EntraIdPortalSettings.ClientId, EntraIdPortalSettings.ClientSecret, _client.BaseAddress!);
    }

    [Fact]
    public async Task SignIn_WithATokenForAnotherTenant_IsRefusedAndAudited()
    {
        _entra.SetUser(new EntraIdUser("mallory@fabrikam.example", "Mallory", ["Portal.Admin"]) { HomeTenantId = OtherTenantId });

        var landing = await SignInThroughProviderAsync("mallory@fabrikam.example");

        Assert.Equal(EntraIdEndpoints.RefusalPage(EntraIdRefusal.NotAccepted), Redirects.PathOf(landing));
        Assert.Equal(HttpStatusCode.Redirect, (await _client.GetAsync("/connections")).StatusCode);
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var refusal = await db.AuditEntries.SingleAsync(e => e.Action == "user.sign-in-refused");
        Assert.Contains(OtherTenantId, refusal.Details, StringComparison.Ordinal);
        Assert.Empty(db.Users);
    }

    [Fact]
    public async Task SignIn_AfterTheRoleChangedInEntraId_ChangesThePortalRoleAndTheSecurityStamp()
    {
        var ada = new EntraIdUser("ada@contoso.example", "Ada Admin", ["Portal.Admin"]);
        _entra.SetUser(ada);
        Assert.Equal("/", Redirects.PathOf(await SignInThroughProviderAsync(ada.UserName)));
        var (firstRoles, firstStamp) = await RolesAndStampAsync(ada.UserName);

        _entra.SetUser(ada with { Roles = ["Portal.Viewer"] });
        Assert.Equal("/", Redirects.PathOf(await SignInThroughProviderAsync(ada.UserName)));
        var (secondRoles, secondStamp) = await RolesAndStampAsync(ada.UserName);

        Assert.Equal([PortalRoles.Admin], firstRoles);
        Assert.Equal([PortalRoles.Viewer], secondRoles);
        Assert.NotEqual(firstStamp, secondStamp);
        Assert.Equal(HttpStatusCode.Redirect, (await _client.GetAsync("/admin/users")).StatusCode);
    }

    private async Task<(IList<string> Roles, string? Stamp)> RolesAndStampAsync(string userName)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.NotNull(user);
        return (await users.GetRolesAsync(user), user.SecurityStamp);
    }

    /// <returns>The portal's answer at the end: where it sends the browser after the sign-in.</returns>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(string userName)
    {
        var challenge = await _client.GetAsync("/account/login/microsoft");
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
        var callbackAnswer = await _client.PostAsync(callback.PathAndQuery, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, callbackAnswer.StatusCode);
        var next = Redirects.PathOf(callbackAnswer)!;
        return next.StartsWith(EntraIdEndpoints.CompletePath, StringComparison.Ordinal) ? await _client.GetAsync(next) : callbackAnswer;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
        await _entra.DisposeAsync();
    }

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
