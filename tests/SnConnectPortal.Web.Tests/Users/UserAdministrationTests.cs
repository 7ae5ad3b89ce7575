using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Features.Administration;

namespace SnConnectPortal.Web.Tests.Users;

public sealed class UserAdministrationTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    private UserAdministration Administration => _portal.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task Create_ByAdmin_AddsAUserWhoCanSignInWithTheirRole()
    {
        var admin = await AdminAsync();

        var result = await Administration.CreateAsync(admin, NewUser("new@example.com", PortalRoles.Operator), CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var client = _portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, "new@example.com", "new-user-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Create_ByNonAdmin_IsRefused()
    {
        var operatorPrincipal = TestPrincipal.Of("op@example.com", PortalRoles.Operator);

        var result = await Administration.CreateAsync(operatorPrincipal, NewUser("new@example.com", PortalRoles.Admin), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("Only an Admin can manage users.", result.Errors);
    }

    [Theory]
    [InlineData("", "Viewer", "long-enough-password", "Enter an email address.")]
    [InlineData("not-an-email", "Viewer", "long-enough-password", "Enter a valid email address, like name@example.com.")]
    [InlineData("a@example.com", "Root", "long-enough-password", "Choose Admin, Operator or Viewer.")]
    [InlineData("a@example.com", "Viewer", "short", "Passwords must be at least 12 characters.")]
    public async Task Create_WithBadInput_ExplainsAndCreatesNothing(string email, string role, string password, string expected)
    {
        var admin = await AdminAsync();

        var result = await Administration.CreateAsync(admin, new NewPortalUser { Email = email, Role = role, Password = password }, CancellationToken.None);

        Assert.Contains(expected, result.Errors);
        Assert.Single(await Administration.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Create_WithATooLongDisplayName_IsRefusedBesideTheField_NotCut()
    {
        var admin = await AdminAsync();
        var input = NewUser("long@example.com", PortalRoles.Viewer);
        input.DisplayName = new string('n', FieldLengths.PortalUserDisplayName + 1);

        var result = await Administration.CreateAsync(admin, input, CancellationToken.None);

        Assert.Equal("A display name has at most 200 characters.", result.ErrorFor(nameof(NewPortalUser.DisplayName)));
        Assert.Single(await Administration.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ResetPassword_LongerThanTheLimit_IsRefused()
    {
        var admin = await AdminAsync();
        var user = await _portal.CreateUserAsync("viewer@example.com", "viewer-password-1", PortalRoles.Viewer);

        var result = await Administration.ResetPasswordAsync(admin, user.Id, new string('p', FieldLengths.PortalUserPassword + 1), CancellationToken.None);

        Assert.Equal(["A password has at most 128 characters."], result.Errors);
    }

    [Fact]
    public async Task Create_WithAnEmailInUse_IsRefused()
    {
        var admin = await AdminAsync();

        var result = await Administration.CreateAsync(admin, NewUser("ADMIN@example.com", PortalRoles.Viewer), CancellationToken.None);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Disable_StopsSignInAndEnableRestoresIt()
    {
        var admin = await AdminAsync();
        var user = await _portal.CreateUserAsync("viewer@example.com", "viewer-password-1", PortalRoles.Viewer);

        await Administration.SetDisabledAsync(admin, user.Id, disabled: true, CancellationToken.None);
        var whileDisabled = await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "viewer@example.com", "viewer-password-1");
        await Administration.SetDisabledAsync(admin, user.Id, disabled: false, CancellationToken.None);
        var afterEnable = await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "viewer@example.com", "viewer-password-1");

        // The same answer as a wrong password: the sign-in page does not say which accounts exist or are disabled.
        Assert.Equal(HttpStatusCode.OK, whileDisabled.StatusCode);
        Assert.Contains("Wrong email or password.", await whileDisabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, afterEnable.StatusCode);
    }

    [Fact]
    public async Task Disable_EndsTheUsersOpenSession()
    {
        var admin = await AdminAsync();
        var user = await _portal.CreateUserAsync("viewer@example.com", "viewer-password-1", PortalRoles.Viewer);
        using var validatingEveryRequest = _portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        var client = validatingEveryRequest.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await FormPost.SignInAsync(client, "viewer@example.com", "viewer-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connections")).StatusCode);

        await Administration.SetDisabledAsync(admin, user.Id, disabled: true, CancellationToken.None);

        var afterDisable = await client.GetAsync("/connections");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/account/login", Redirects.PathOf(afterDisable), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableOrDemote_OfTheOnlyActiveAdmin_IsRefused()
    {
        var admin = await AdminAsync();
        var adminId = (await Administration.ListAsync(CancellationToken.None)).Single().Id;
        var other = TestPrincipal.Of("other-admin@example.com", PortalRoles.Admin);

        var demoted = await Administration.SetRoleAsync(admin, adminId, PortalRoles.Viewer, CancellationToken.None);
        var disabled = await Administration.SetDisabledAsync(other, adminId, disabled: true, CancellationToken.None);

        Assert.Contains("This is the only active Admin. Make another user Admin first.", demoted.Errors);
        Assert.Contains("This is the only active Admin. Make another user Admin first.", disabled.Errors);
    }

    [Fact]
    public async Task ResetPassword_ReplacesTheOldOneAndUnlocks()
    {
        var admin = await AdminAsync();
        var user = await _portal.CreateUserAsync("viewer@example.com", "viewer-password-1", PortalRoles.Viewer);

        var result = await Administration.ResetPasswordAsync(admin, user.Id, "brand-new-password", CancellationToken.None);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        Assert.Equal(HttpStatusCode.OK, (await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "viewer@example.com", "viewer-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "viewer@example.com", "brand-new-password")).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_WithATooShortPassword_KeepsTheOldOne()
    {
        var admin = await AdminAsync();
        var user = await _portal.CreateUserAsync("viewer@example.com", "viewer-password-1", PortalRoles.Viewer);

        var result = await Administration.ResetPasswordAsync(admin, user.Id, "short", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(_portal.CreateBrowserLikeClient(), "viewer@example.com", "viewer-password-1")).StatusCode);
    }

    [Fact]
    public async Task EveryChange_IsAuditedWithoutThePassword()
    {
        var admin = await AdminAsync();
        await Administration.CreateAsync(admin, NewUser("audited@example.com", PortalRoles.Viewer), CancellationToken.None);
        var id = (await Administration.ListAsync(CancellationToken.None)).Single(u => u.Email == "audited@example.com").Id;
        await Administration.SetRoleAsync(admin, id, PortalRoles.Operator, CancellationToken.None);
        await Administration.SetDisabledAsync(admin, id, disabled: true, CancellationToken.None);
        await Administration.ResetPasswordAsync(admin, id, "another-long-password", CancellationToken.None);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entries = await db.AuditEntries.Where(e => e.EntityId == id).OrderBy(e => e.Id).ToListAsync();

        Assert.Equal(["user.created", "user.role-changed", "user.disabled", "user.password-reset"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("admin@example.com", e.Actor));
        Assert.All(entries, e => Assert.DoesNotContain("password", e.Details ?? "", StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _portal.Dispose();

    private async Task<ClaimsPrincipal> AdminAsync()
    {
        await _portal.CreateUserAsync("admin@example.com", "admin-password-1", PortalRoles.Admin);
        var admin = TestPrincipal.Of("admin@example.com", PortalRoles.Admin);
        var id = (await Administration.ListAsync(CancellationToken.None)).Single().Id;
        ((ClaimsIdentity)admin.Identity!).AddClaim(new Claim(ClaimTypes.NameIdentifier, id));
        return admin;
    }


    private static NewPortalUser NewUser(string email, string role) =>
        new() { Email = email, DisplayName = "New User", Role = role, Password = "new-user-password" };
}
