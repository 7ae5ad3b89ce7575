using System.Net;
using Microsoft.AspNetCore.Identity;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>
/// The second step of signing in, after a correct password: a code from the authenticator app, or a recovery code (each
/// works once). Wrong codes count like wrong passwords: against the client address (<see cref="SignInThrottle"/>) and
/// against the account (Identity's lockout).
/// </summary>
public sealed class TwoFactorSignIn(SignInManager<PortalUser> signInManager, SignInThrottle throttle, AuditLog auditLog, ILogger<TwoFactorSignIn> logger)
{
    public const string Refusal = "That code is not right. Codes change every 30 seconds: enter the one your app shows now.";
    public const string Expired = "Your sign-in has expired. Sign in again with your email and password.";

    public async Task<SignInOutcome> SignInAsync(string code, bool isRecoveryCode, IPAddress? clientAddress)
    {
        ArgumentNullException.ThrowIfNull(code);
        var address = clientAddress?.ToString() ?? "unknown";
        if (!throttle.TryBegin(address, out var attempt, out var retryAfter))
        {
            return SignInOutcome.Throttled(retryAfter);
        }

        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            throttle.Succeeded(attempt);
            return new SignInOutcome(false, Expired, null);
        }

        var entered = code.Replace(" ", "", StringComparison.Ordinal);
        var result = isRecoveryCode
            ? await signInManager.TwoFactorRecoveryCodeSignInAsync(entered)
            : await signInManager.TwoFactorAuthenticatorSignInAsync(entered.Replace("-", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            throttle.Succeeded(attempt);
            logger.LogInformation("User {UserName} signed in with a second factor", user.UserName);
            if (isRecoveryCode)
            {
                await auditLog.WriteAsync(user.UserName ?? user.Id, "user.recovery-code-used", "PortalUser", user.Id, new { email = user.Email }, CancellationToken.None);
            }

            return new SignInOutcome(true, null, null);
        }

        logger.LogWarning("Second factor refused for {UserName} from {Address}", user.UserName, address);
        return new SignInOutcome(false, result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again later, or ask an Admin."
            : isRecoveryCode ? "That recovery code is not right, or it was used already." : Refusal, null);
    }
}
