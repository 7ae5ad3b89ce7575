using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Administration;
using SnConnectPortal.Web.Features.TwoFactor;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.TwoFactor;

/// <summary>
/// Over HTTP, as a browser does it: enrolment with a code the test computes (RFC 6238 with Otp.NET), sign-in with a code
/// and with a recovery code (each once), a wrong code, new recovery codes, an Admin's reset, and the Admin's requirement
/// forcing enrolment.
/// </summary>
public sealed partial class TwoFactorSignInTests : IDisposable
{
    private const string Password = "two-factor-password";
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Enrol_ThenSignIn_AsksForTheCode_AndACorrectOneSignsIn()
    {
        var (key, _) = await EnrolAsync("ada@example.com");
        using var client = _portal.CreateBrowserLikeClient();

        var password = await FormPost.SignInAsync(client, "ada@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/login/two-factor", Redirects.PathOf(password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);

        var code = await SubmitCodeAsync(client, PreviousCode(key));

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAWrongCode_IsRefused_AndCountsAsAFailedAttempt()
    {
        var (key, _) = await EnrolAsync("bob@example.com");
        using var client = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "bob@example.com", Password);
        var wrong = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddMinutes(10));

        var response = await SubmitCodeAsync(client, wrong);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(TwoFactorSignIn.Refusal, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
        Assert.Equal(1, (await FindAsync("bob@example.com")).AccessFailedCount);
    }

    [Fact]
    public async Task WrongCodes_AreThrottledPerAddress_LikeWrongPasswords()
    {
        var (key, _) = await EnrolAsync("gil@example.com");
        using var client = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "gil@example.com", Password);
        var wrong = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddMinutes(10));
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubmitCodeAsync(client, wrong)).StatusCode);
        }

        var throttled = await SubmitCodeAsync(client, PreviousCode(key));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndNotTwice()
    {
        var (_, recoveryCodes) = await EnrolAsync("cleo@example.com");
        Assert.Equal(TwoFactorEnrolment.RecoveryCodeCount, recoveryCodes.Count);

        using (var first = _portal.CreateBrowserLikeClient())
        {
            await FormPost.SignInAsync(first, "cleo@example.com", Password);
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(first, recoveryCodes[0], recovery: true)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/connections")).StatusCode);
        }

        using var second = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(second, "cleo@example.com", Password);
        var again = await SubmitCodeAsync(second, recoveryCodes[0], recovery: true);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("That recovery code is not right, or it was used already.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync("user.recovery-code-used"));
    }

    [Fact]
    public async Task NewRecoveryCodes_NeedTheAppsCode_ReplaceTheOldOnes_AndAreAudited()
    {
        var (key, oldCodes) = await EnrolAsync("gus@example.com");
        using var client = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(client, "gus@example.com", Password);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(client, PreviousCode(key))).StatusCode);

        var wrong = await SubmitNewRecoveryCodesAsync(client, new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddMinutes(10)));
        var renewed = await SubmitNewRecoveryCodesAsync(client, new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());

        Assert.Contains("That code is not right.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var newCodes = RecoveryCode().Matches(await renewed.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(TwoFactorEnrolment.RecoveryCodeCount, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.DoesNotContain(newCodes[0], await client.GetStringAsync("/account/two-factor"), StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync("user.recovery-codes-regenerated"));
        using var later = _portal.CreateBrowserLikeClient();
        await FormPost.SignInAsync(later, "gus@example.com", Password);
        Assert.Equal(HttpStatusCode.OK, (await SubmitCodeAsync(later, oldCodes[0], recovery: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitCodeAsync(later, newCodes[0], recovery: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/connections")).StatusCode);
    }

    [Fact]
    public async Task AuthenticatorKey_AndRecoveryCodes_AreNotStoredInClearText()
    {
        var (key, recoveryCodes) = await EnrolAsync("dan@example.com");

        await using var scope = _portal.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync();

        Assert.Equal(2, stored.Count);
        Assert.All(stored, value => Assert.DoesNotContain(key, value, StringComparison.Ordinal));
        Assert.All(stored, value => Assert.DoesNotContain(recoveryCodes[0], value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminReset_TurnsTheSecondFactorOff_AndIsAudited()
    {
        await EnrolAsync("eve@example.com");
        var user = await FindAsync("eve@example.com");
        var administration = _portal.Services.GetRequiredService<UserAdministration>();

        var result = await administration.ResetTwoFactorAsync(TestPrincipal.Of("admin@example.com", PortalRoles.Admin), user.Id, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorText);
        Assert.False((await FindAsync("eve@example.com")).TwoFactorEnabled);
        Assert.Equal(1, await AuditCountAsync("user.two-factor-reset"));
        using var client = _portal.CreateBrowserLikeClient();
        var signIn = await FormPost.SignInAsync(client, "eve@example.com", Password);
        Assert.Equal("/", Redirects.PathOf(signIn));
        var byOperator = await administration.ResetTwoFactorAsync(TestPrincipal.Of("op@example.com", PortalRoles.Operator), user.Id, CancellationToken.None);
        Assert.Contains("Only an Admin can manage users.", byOperator.Errors);
    }

    [Fact]
    public async Task Requirement_SendsAUserWithoutASecondFactorToEnrol_BeforeAnythingElse()
    {
        await _portal.CreateUserAsync("fay@example.com", Password, PortalRoles.Operator);
        var error = await _portal.Services.GetRequiredService<TwoFactorRequirement>()
            .SetAsync(TestPrincipal.Of("admin@example.com", PortalRoles.Admin), required: true, CancellationToken.None);
        Assert.Null(error);
        using var client = _portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, "fay@example.com", Password)).StatusCode);

        var page = await client.GetAsync("/connections");
        var api = await client.GetAsync("/api/connections/1/systems-check");

        Assert.Equal("/account/two-factor?ReturnUrl=%2Fconnections", Redirects.PathOf(page));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        await ConfirmEnrolmentAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connections")).StatusCode);
    }

    /// <summary>A new Operator who signs in and turns two-factor sign-in on: the key (without spaces) and the recovery codes.</summary>
    private async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(string email)
    {
        await _portal.CreateUserAsync(email, Password, PortalRoles.Operator);
        using var client = _portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await FormPost.SignInAsync(client, email, Password)).StatusCode);
        return await ConfirmEnrolmentAsync(client);
    }

    private static async Task<(string Key, List<string> RecoveryCodes)> ConfirmEnrolmentAsync(HttpClient client)
    {
        var setup = await client.GetStringAsync("/account/two-factor");
        var key = KeyText().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.NotEmpty(key);
        Assert.Contains("src=\"data:image/svg", setup, StringComparison.Ordinal);

        var confirmed = await FormPost.SubmitAsync(client, "/account/two-factor", "two-factor-enrol",
            new Dictionary<string, string> { ["Input.Code"] = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp() });

        var html = await confirmed.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(codes);
        Assert.DoesNotContain(key, await client.GetStringAsync("/account/two-factor"), StringComparison.Ordinal);
        return (key, codes);
    }

    private static Task<HttpResponseMessage> SubmitNewRecoveryCodesAsync(HttpClient client, string code) =>
        FormPost.SubmitAsync(client, "/account/two-factor", "two-factor-new-recovery-codes", new Dictionary<string, string> { ["Input.Code"] = code });

    private static Task<HttpResponseMessage> SubmitCodeAsync(HttpClient client, string code, bool recovery = false) =>
        FormPost.SubmitAsync(client, $"/account/login/two-factor?recovery={(recovery ? "true" : "false")}&ReturnUrl=%2F", "login-two-factor",
            new Dictionary<string, string> { ["Input.Code"] = code });

    // The previous time step's code: Identity accepts it, and it is not the one enrolment just used.
    private static string PreviousCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(-30));

    private async Task<PortalUser> FindAsync(string email)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    private async Task<int> AuditCountAsync(string action)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AuditEntries.CountAsync(a => a.Action == action);
    }

    public void Dispose() => _portal.Dispose();

    [GeneratedRegex("data-testid=\"two-factor-key\"[^>]*>([A-Z2-7 ]+)<")]
    private static partial Regex KeyText();

    [GeneratedRegex("<li[^>]*><code[^>]*>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
