using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>What the enrolment page shows: the authenticator key as text and as a QR code.</summary>
public sealed record AuthenticatorSetup(string Key, string QrCodeDataUri);

/// <summary>
/// A signed-in user's enrolment in two-factor sign-in with an authenticator app (ASP.NET Core Identity's authenticator
/// key, TOTP): the key and its QR code, then confirmation with a code, which turns two-factor sign-in on and returns the
/// recovery codes, shown once (and new ones later, on request). Each change of the key also changes the security stamp,
/// so the sign-in cookie is renewed.
/// </summary>
public sealed class TwoFactorEnrolment(UserManager<PortalUser> userManager, SignInManager<PortalUser> signInManager, AuditLog auditLog)
{
    public const string Issuer = "SnConnectPortal";
    public const int RecoveryCodeCount = 10;

    /// <summary>The claim a sign-in with a second factor carries (Identity's own <c>amr</c> value).</summary>
    public static readonly Claim MultiFactorClaim = new("amr", "mfa");

    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) => user.HasClaim(MultiFactorClaim.Type, MultiFactorClaim.Value);

    public async Task<AuthenticatorSetup> SetupAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            await signInManager.RefreshSignInAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user) ?? "";
        }

        var uri = TwoFactorQrCode.AuthenticatorUri(Issuer, user.Email ?? user.UserName ?? "", key);
        return new AuthenticatorSetup(string.Join(' ', key.Chunk(4).Select(chunk => new string(chunk))), TwoFactorQrCode.DataUri(uri));
    }

    /// <summary>Turns two-factor sign-in on if <paramref name="code"/> is the app's current code: the recovery codes, else null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(PortalUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await IsCurrentCodeAsync(user, code))
        {
            return null;
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        var codes = (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        // The user has just shown the second factor: the renewed cookie says so, and the enrolment gate lets them through.
        await signInManager.SignInWithClaimsAsync(user, isPersistent: false, [MultiFactorClaim]);
        await auditLog.WriteAsync(user.UserName ?? user.Id, "user.two-factor-enabled", "PortalUser", user.Id, new { email = user.Email }, CancellationToken.None);
        return codes;
    }

    /// <summary>
    /// New recovery codes for a user with two-factor sign-in on, if <paramref name="code"/> is the app's current code (so
    /// that a session left open is not enough): they replace the old ones, which stop working. Null when the code is wrong.
    /// </summary>
    public async Task<IReadOnlyList<string>?> RegenerateRecoveryCodesAsync(PortalUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TwoFactorEnabled || !await IsCurrentCodeAsync(user, code))
        {
            return null;
        }

        var codes = (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await auditLog.WriteAsync(user.UserName ?? user.Id, "user.recovery-codes-regenerated", "PortalUser", user.Id, new { email = user.Email }, CancellationToken.None);
        return codes;
    }

    private Task<bool> IsCurrentCodeAsync(PortalUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var digits = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, digits);
    }
}
