using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>Who a verified request came from.</summary>
public sealed record InboundCaller(long EndpointId, long ConnectionId, string UserName, int? RateLimitPerSecond);

/// <summary>The caller, or the answer to give instead: 401, 429 (too many wrong credentials) or 503 (too many waiting to be hashed), with Retry-After.</summary>
public readonly record struct InboundVerification(InboundCaller? Caller, int Status, int RetryAfterSeconds)
{
    public static InboundVerification Wrong { get; } = new(null, StatusCodes.Status401Unauthorized, 0);

    public static InboundVerification Verified(InboundCaller caller) => new(caller, StatusCodes.Status200OK, 0);
}

/// <summary>
/// Checks the Basic credentials presented to <c>/api/inbound/{key}</c>. Passwords are stored as PBKDF2 hashes, which
/// take milliseconds to verify by design; so a credential once verified is remembered for a short time under the
/// SHA-256 of what was presented (key, then the Authorization header), and forgotten at once when the endpoint's
/// password changes (on other nodes within a second: <see cref="InboundCredentialChanges"/>). Failures are remembered too, so replaying a wrong password costs no hashing. Unknown keys,
/// unknown users and wrong passwords all cost one slow verification and give the same answer; how many may be
/// hashed, and how fast wrong ones may come, is <see cref="InboundAuthThrottle"/>'s decision.
/// </summary>
public sealed class InboundCredentials(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    InboundAuthThrottle throttle,
    IOptions<InboundOptions> options,
    TimeProvider timeProvider)
{
    private const int MaxCacheEntries = 100_000;

    /// <summary>The throttle's budget shared by every connection key that does not exist.</summary>
    public const string UnknownKeysBudget = "(unknown keys)";
    private static readonly PasswordHasher<InboundEndpoint> Hasher = new();
    private static readonly InboundEndpoint Dummy = new() { ConnectionKey = "", UserName = "" };
    private static readonly string DummyHash = Hasher.HashPassword(Dummy, "not-a-real-password-" + Guid.NewGuid());

    private readonly ConcurrentDictionary<UInt128, CacheEntry> _verified = new();
    private readonly ConcurrentDictionary<UInt128, Lazy<Task<InboundVerification>>> _inFlight = new();

    /// <summary>Moves on each forgetting, so that a verification that read the old password does not remember it afterwards.</summary>
    private long _generation;

    public static string HashPassword(string password) => Hasher.HashPassword(Dummy, password);

    /// <summary>
    /// The caller; or 401 for a missing, malformed, unknown or wrong credential (never which one); or, before any
    /// hashing, 429 / 503 from the throttle. <paramref name="addressKey"/> is <see cref="InboundAuthThrottle.AddressKey"/>.
    /// </summary>
    public async ValueTask<InboundVerification> VerifyAsync(string connectionKey, string? authorization, string addressKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization) || connectionKey.Length > 64 || authorization.Length > 1024)
        {
            return InboundVerification.Wrong;
        }

        var digest = Digest(connectionKey, authorization);
        var now = timeProvider.GetTimestamp();
        if (_verified.TryGetValue(digest, out var cached) && now < cached.ExpiresAt)
        {
            return cached.Caller is null ? InboundVerification.Wrong : InboundVerification.Verified(cached.Caller);
        }

        // Requests presenting the same credential at once (a sender's first burst) share one verification.
        var flight = _inFlight.GetOrAdd(digest, _ => new Lazy<Task<InboundVerification>>(() => VerifyAndRememberAsync(digest, connectionKey, authorization, addressKey)));
        try
        {
            return await flight.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(digest, flight));
        }
    }

    private async Task<InboundVerification> VerifyAndRememberAsync(UInt128 digest, string connectionKey, string authorization, string addressKey)
    {
        // Not cancelled with the request that started it: others may be waiting for the same answer.
        var generation = Interlocked.Read(ref _generation);
        InboundEndpoint? endpoint;
        await using (var db = await dbContextFactory.CreateDbContextAsync(CancellationToken.None))
        {
            endpoint = await db.InboundEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.ConnectionKey == connectionKey, CancellationToken.None);
        }

        // Unknown keys share one budget, so that inventing keys does not multiply it.
        var budgetKey = endpoint is null ? UnknownKeysBudget : connectionKey;
        if (await throttle.TryAcquireAsync(addressKey, budgetKey, CancellationToken.None) is { } retryAfter)
        {
            return new InboundVerification(null, StatusCodes.Status429TooManyRequests, retryAfter);
        }

        InboundCaller? caller;
        using (var slot = await throttle.AcquireHashSlotAsync(CancellationToken.None))
        {
            if (!slot.IsAcquired)
            {
                return new InboundVerification(null, StatusCodes.Status503ServiceUnavailable, 1);
            }

            caller = VerifySlowly(endpoint, authorization);
        }

        var ttl = options.Value.CredentialCacheSeconds;
        if (ttl > 0)
        {
            if (_verified.Count >= MaxCacheEntries)
            {
                _verified.Clear();
            }

            var now = timeProvider.GetTimestamp();
            _verified[digest] = new CacheEntry(caller, now + (long)(ttl * (double)timeProvider.TimestampFrequency));
            if (Interlocked.Read(ref _generation) != generation)
            {
                _verified.TryRemove(digest, out _);
            }
        }

        return caller is null ? InboundVerification.Wrong : InboundVerification.Verified(caller);
    }

    /// <summary>Forgets every remembered credential of the endpoint (called when its password changes).</summary>
    public void Forget(long endpointId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (digest, entry) in _verified)
        {
            if (entry.Caller is null || entry.Caller.EndpointId == endpointId)
            {
                _verified.TryRemove(digest, out _);
            }
        }
    }

    /// <summary>Forgets every remembered credential (one changed on another node).</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _verified.Clear();
    }

    /// <summary>One PBKDF2 verification, also for an unknown key (against a dummy hash), so that both take as long.</summary>
    private static InboundCaller? VerifySlowly(InboundEndpoint? endpoint, string authorization)
    {
        var (user, password) = ParseBasic(authorization);
        var hash = endpoint?.PasswordHash ?? DummyHash;
        var result = Hasher.VerifyHashedPassword(Dummy, hash, password ?? "");

        var userMatches = endpoint is not null && user is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(endpoint.UserName));
        return endpoint?.PasswordHash is not null && userMatches && result != PasswordVerificationResult.Failed
            ? new InboundCaller(endpoint.Id, endpoint.ConnectionId, endpoint.UserName, endpoint.RateLimitPerSecond)
            : null;
    }

    internal static (string? User, string? Password) ParseBasic(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        Span<byte> decoded = stackalloc byte[768];
        if (!Convert.TryFromBase64String(authorization.AsSpan(scheme.Length).Trim().ToString(), decoded, out var length))
        {
            return (null, null);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(decoded[..length]);
        }
        catch (DecoderFallbackException)
        {
            return (null, null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, null) : (text[..colon], text[(colon + 1)..]);
    }

    private static UInt128 Digest(string connectionKey, string authorization)
    {
        var length = Encoding.UTF8.GetMaxByteCount(connectionKey.Length + authorization.Length + 1);
        Span<byte> input = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(connectionKey, input);
        input[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(authorization, input[written..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..written], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    private sealed record CacheEntry(InboundCaller? Caller, long ExpiresAt);
}
