using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Inbound;

/// <summary>Who a verified request came from.</summary>
public sealed record InboundCaller(long EndpointId, long ConnectionId, string UserName, int? RateLimitPerSecond);

/// <summary>
/// Checks the Basic credentials presented to <c>/api/inbound/{key}</c>. Passwords are stored as PBKDF2 hashes, which
/// take milliseconds to verify by design; so a credential once verified is remembered for a short time under the
/// SHA-256 of what was presented (key, then the Authorization header), and forgotten at once when the endpoint's
/// password changes. Failures are remembered too, so replaying a wrong password costs no hashing. Unknown keys,
/// unknown users and wrong passwords all cost one slow verification and give the same answer.
/// </summary>
public sealed class InboundCredentials(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IOptions<InboundOptions> options,
    TimeProvider timeProvider)
{
    private const int MaxCacheEntries = 100_000;
    private static readonly PasswordHasher<InboundEndpoint> Hasher = new();
    private static readonly InboundEndpoint Dummy = new() { ConnectionKey = "", UserName = "" };
    private static readonly string DummyHash = Hasher.HashPassword(Dummy, "not-a-real-password-" + Guid.NewGuid());

    private readonly ConcurrentDictionary<UInt128, CacheEntry> _verified = new();
    private readonly SemaphoreSlim _slowVerifications = new(Math.Max(1, Environment.ProcessorCount), Math.Max(1, Environment.ProcessorCount));

    public static string HashPassword(string password) => Hasher.HashPassword(Dummy, password);

    /// <summary>The caller, or null for a missing, malformed, unknown or wrong credential (never which one).</summary>
    public async ValueTask<InboundCaller?> VerifyAsync(string connectionKey, string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(authorization) || connectionKey.Length > 64 || authorization.Length > 1024)
        {
            return null;
        }

        var digest = Digest(connectionKey, authorization);
        var now = timeProvider.GetTimestamp();
        if (_verified.TryGetValue(digest, out var cached) && now < cached.ExpiresAt)
        {
            return cached.Caller;
        }

        var caller = await VerifySlowlyAsync(connectionKey, authorization, cancellationToken);
        var ttl = options.Value.CredentialCacheSeconds;
        if (ttl > 0)
        {
            if (_verified.Count >= MaxCacheEntries)
            {
                _verified.Clear();
            }

            _verified[digest] = new CacheEntry(caller, now + (long)(ttl * (double)timeProvider.TimestampFrequency));
        }

        return caller;
    }

    /// <summary>Forgets every remembered credential of the endpoint (called when its password changes).</summary>
    public void Forget(long endpointId)
    {
        foreach (var (digest, entry) in _verified)
        {
            if (entry.Caller is null || entry.Caller.EndpointId == endpointId)
            {
                _verified.TryRemove(digest, out _);
            }
        }
    }

    private async Task<InboundCaller?> VerifySlowlyAsync(string connectionKey, string authorization, CancellationToken cancellationToken)
    {
        var (user, password) = ParseBasic(authorization);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.InboundEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.ConnectionKey == connectionKey, cancellationToken);

        var hash = endpoint?.PasswordHash ?? DummyHash;
        await _slowVerifications.WaitAsync(cancellationToken);
        PasswordVerificationResult result;
        try
        {
            result = Hasher.VerifyHashedPassword(Dummy, hash, password ?? "");
        }
        finally
        {
            _slowVerifications.Release();
        }

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
