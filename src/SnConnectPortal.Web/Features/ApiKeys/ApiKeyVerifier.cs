using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// Checks a presented API key: known, not revoked, not expired. An accepted key becomes a principal with its scopes and
/// has its last-used time written (at most once a minute); a refused one goes to the audit log with the reason and the
/// key's prefix, never the key (<see cref="ApiKeyRefusalAudit"/>, which counts a flood instead of writing each).
/// </summary>
public sealed class ApiKeyVerifier(IDbContextFactory<PortalDbContext> dbContextFactory, ApiKeyRefusalAudit refusals, TimeProvider timeProvider)
{
    /// <summary>A busy monitor calls often; its key's last-used time needs no more precision than this.</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>The key's principal, or null (and an audit entry) when the key is unknown, revoked or expired.</summary>
    public async Task<ClaimsPrincipal?> VerifyAsync(string presented, string? clientAddress, string path, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(presented);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        var refusal = key switch
        {
            null => "unknown",
            { RevokedAt: not null } => "revoked",
            { ExpiresAt: { } expires } when expires <= now => "expired",
            _ => null,
        };
        if (key is null || refusal is not null)
        {
            // Written even if the caller hangs up: a refused key is worth knowing about either way.
            await refusals.RecordAsync(new ApiKeyRefusal(key?.Id, key?.Name, key?.Prefix ?? ApiKeySecret.PrefixOf(presented), refusal ?? "unknown", clientAddress, path));
            return null;
        }

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"API key {key.Name} ({key.Prefix})"),
            new(ApiKeyAuthentication.KeyIdClaim, key.Id.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(scope => new Claim(ApiKeyAuthentication.ScopeClaim, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme));
    }
}
