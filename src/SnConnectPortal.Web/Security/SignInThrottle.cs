using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Security;

/// <summary>
/// Failed sign-ins per client address in a sliding window (<see cref="SecurityOptions.SignInFailuresPerAddress"/> per
/// <see cref="SecurityOptions.SignInFailureWindowMinutes"/>). An attempt reserves a failure before the password is
/// checked, so parallel requests cannot slip past the limit, and gives it back when the sign-in succeeds: colleagues
/// behind one address who sign in correctly never throttle each other.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options, TimeProvider timeProvider)
{
    // Beyond this many tracked addresses, ones without a failure in the window are dropped.
    private const int SweepThreshold = 10_000;

    private readonly Dictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.SignInFailureWindowMinutes);

    /// <summary>Reserves an attempt for <paramref name="address"/>; false with the wait when its failures reached the limit.</summary>
    public bool TryBegin(string address, out SignInAttempt attempt, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(address);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_failures.TryGetValue(address, out var failures))
            {
                if (_failures.Count >= SweepThreshold)
                {
                    Sweep(now);
                }

                failures = _failures[address] = [];
            }

            failures.RemoveAll(at => at <= now - Window);
            if (failures.Count >= options.Value.SignInFailuresPerAddress)
            {
                attempt = default;
                retryAfter = failures.Min() + Window - now;
                return false;
            }

            failures.Add(now);
            attempt = new SignInAttempt(address, now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>The sign-in succeeded: its reserved failure is given back.</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        lock (_lock)
        {
            if (_failures.TryGetValue(attempt.Address, out var failures))
            {
                failures.Remove(attempt.At);
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (address, failures) in _failures.Where(entry => entry.Value.All(at => at <= now - Window)).ToList())
        {
            _failures.Remove(address);
        }
    }
}

/// <summary>One reserved sign-in attempt of an address.</summary>
public readonly record struct SignInAttempt(string Address, DateTimeOffset At);
