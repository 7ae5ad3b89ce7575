using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Security;

/// <summary>What the sign-in form shows: success, the one refusal text, the address's wait, or the step for the second factor.</summary>
public sealed record SignInOutcome(bool Succeeded, string? Error, TimeSpan? RetryAfter, bool RequiresTwoFactor = false)
{
    /// <summary>The refusal while the client address waits out its failed sign-ins (<see cref="SignInThrottle"/>).</summary>
    public static SignInOutcome Throttled(TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return new SignInOutcome(false, $"Too many failed sign-ins from your network address. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.", retryAfter);
    }
}

/// <summary>
/// Password sign-in that tells nobody which accounts exist: an unknown, locked, disabled or wrong-password sign-in
/// costs one password hash each and gets the same text. Before any of that, the client address's failed sign-ins are
/// throttled (<see cref="SignInThrottle"/>), so that one address cannot guess fast or quickly lock an account out;
/// the account lockout stays as the second line.
/// </summary>
public sealed class PortalSignIn(
    SignInManager<PortalUser> signInManager,
    UserManager<PortalUser> userManager,
    IPasswordHasher<PortalUser> passwordHasher,
    SignInThrottle throttle,
    IOptions<SecurityOptions> options,
    ILogger<PortalSignIn> logger)
{
    // Verified against when there is no hash of the account's own to check (same algorithm and work factor).
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString("N")));

    public string Refusal =>
        $"Wrong email or password. An account also refuses sign-in for {options.Value.LockoutMinutes} minutes after " +
        $"{options.Value.MaxFailedAccessAttempts} failed attempts in a row, and while an administrator has disabled it.";

    public async Task<SignInOutcome> SignInAsync(string email, string password, IPAddress? clientAddress)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var address = clientAddress?.ToString() ?? "unknown";
        if (!throttle.TryBegin(address, out var attempt, out var retryAfter))
        {
            logger.LogWarning("Sign-in refused for {UserName}: too many failed sign-ins from {Address}", email, address);
            return SignInOutcome.Throttled(retryAfter);
        }

        var user = await userManager.FindByNameAsync(email);
        var result = user is null ? SignInResult.Failed : await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Succeeded(attempt);
            logger.LogInformation("User {UserName} signed in", email);
            return new SignInOutcome(true, null, null);
        }

        if (result.RequiresTwoFactor)
        {
            throttle.Succeeded(attempt);
            return new SignInOutcome(false, null, null, RequiresTwoFactor: true);
        }

        // Identity hashes only for an existing, unlocked account: do the same work for the others.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            passwordHasher.VerifyHashedPassword(user ?? new PortalUser(), DummyHash.Value, password);
        }

        logger.LogWarning("Sign-in failed for {UserName} from {Address}: {Reason}", email, address,
            user is null ? "unknown account" : result.IsLockedOut ? "locked out or disabled" : "wrong password");
        return new SignInOutcome(false, Refusal, null);
    }
}
