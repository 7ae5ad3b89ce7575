using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing.EntraId;
using SnConnectPortal.Web.Features.Account.EntraId;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Security;

/// <summary>Microsoft sign-in over HTTP (<see cref="EntraIdHttpSignIn"/>) against the test provider, with a client secret.</summary>
public sealed class EntraIdSignInTests : IAsyncLifetime
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

    [Fact]
    public async Task TwoFactorPage_SignedInWithEntraId_SaysEntraIdAsksForTheSecondFactorAndOffersNoEnrolment()
    {
        _entra.SetUser(new EntraIdUser("vera@contoso.example", "Vera Viewer", ["Portal.Viewer"]));
        Assert.Equal("/", Redirects.PathOf(await SignInThroughProviderAsync("vera@contoso.example")));

        var page = await _client.GetStringAsync("/account/two-factor");

        Assert.Contains("data-testid=\"two-factor-entra-id\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("two-factor-qr", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersPage_WithLocalAccountsOff_OffersNoPasswordAccounts_AndSaysHowPeopleGetIn()
    {
        var ada = new EntraIdUser("ada@contoso.example", "Ada Admin", ["Portal.Admin"]);
        _entra.SetUser(ada);
        Assert.Equal("/", Redirects.PathOf(await SignInThroughProviderAsync(ada.UserName)));
        var administration = _portal.Services.GetRequiredService<UserAdministration>();
        var admin = TestPrincipal.Of(ada.UserName, PortalRoles.Admin);

        var page = WebUtility.HtmlDecode(await _client.GetStringAsync("/admin/users"));
        var created = await administration.CreateAsync(admin, new NewPortalUser { Email = "new@contoso.example", Role = PortalRoles.Viewer, Password = "a-password-nobody-uses" }, CancellationToken.None);
        var adaId = (await administration.ListAsync(CancellationToken.None)).Single().Id;
        var reset = await administration.ResetPasswordAsync(admin, adaId, "a-password-nobody-uses", CancellationToken.None);

        Assert.Contains("data-testid=\"users-entra-only\"", page, StringComparison.Ordinal);
        Assert.Contains("assign them one of the portal's app roles", page, StringComparison.Ordinal);
        Assert.DoesNotContain("new-user-password", page, StringComparison.Ordinal);
        Assert.Contains(">Disable<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reset password", page, StringComparison.Ordinal);
        Assert.Equal([UserAdministration.LocalAccountsOffText], created.Errors);
        Assert.Equal([UserAdministration.LocalAccountsOffText], reset.Errors);
    }

    private async Task<(IList<string> Roles, string? Stamp)> RolesAndStampAsync(string userName)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName);
        Assert.NotNull(user);
        return (await users.GetRolesAsync(user), user.SecurityStamp);
    }

    private Task<HttpResponseMessage> SignInThroughProviderAsync(string userName) => EntraIdHttpSignIn.SignInThroughProviderAsync(_client, userName);

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
        await _entra.DisposeAsync();
    }
}
