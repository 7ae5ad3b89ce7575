using System.Net;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Security;

/// <summary>Stops start-up on a bad <c>Security</c> setting, naming the setting.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(options.MaxFailedAccessAttempts), options.MaxFailedAccessAttempts, 1, 100);
        Check(failures, nameof(options.LockoutMinutes), options.LockoutMinutes, 1, 24 * 60);
        Check(failures, nameof(options.MinimumPasswordLength), options.MinimumPasswordLength, 8, 128);
        Check(failures, nameof(options.RevalidationSeconds), options.RevalidationSeconds, 5, 3600);
        Check(failures, nameof(options.SignInFailuresPerAddress), options.SignInFailuresPerAddress, 1, 10_000);
        Check(failures, nameof(options.SignInFailureWindowMinutes), options.SignInFailureWindowMinutes, 1, 24 * 60);
        Check(failures, nameof(options.HstsMaxAgeDays), options.HstsMaxAgeDays, 1, 2 * 365);
        foreach (var proxy in options.TrustedProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{SecurityOptions.SectionName}:{nameof(options.TrustedProxies)} must list IP addresses (was '{proxy}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SecurityOptions.SectionName}:{setting} must be between {min} and {max} (was {value}).");
        }
    }
}
