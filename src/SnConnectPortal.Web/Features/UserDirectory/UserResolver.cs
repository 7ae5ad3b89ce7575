using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>Why a hub user could or could not be resolved to a ServiceNow user.</summary>
public enum UserResolutionStatus
{
    Resolved,
    UnknownHubUser,
    NotMapped,
    ServiceNowUserInactive,
    ServiceNowUserGone,
}

/// <summary>A hub user's sys_id on a connection (e.g. for caller_id or assigned_to), or the reason there is none.</summary>
public sealed record UserResolution(UserResolutionStatus Status, string? SysId, string? UserName, string Reason)
{
    public bool Resolved => Status == UserResolutionStatus.Resolved;
}

/// <summary>
/// Used by outbound delivery: hub user (external id, or email) → the mapped ServiceNow user's sys_id, as in the WSO2
/// example (user name → sys_user sys_id → incident.caller_id). Answers are cached briefly and dropped as soon as any
/// mapping changes or an import ends.
/// </summary>
public sealed class UserResolver(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IMemoryCache cache,
    MappingVersion version,
    IOptions<DirectoryOptions> options)
{
    public async Task<UserResolution> ResolveAsync(long connectionId, string hubUser, CancellationToken cancellationToken)
    {
        var key = (hubUser ?? "").Trim();
        if (key.Length == 0)
        {
            return new(UserResolutionStatus.UnknownHubUser, null, null, "No hub user was named.");
        }

        var cacheKey = (nameof(UserResolver), connectionId, key, version.Current);
        if (cache.TryGetValue(cacheKey, out UserResolution? cached) && cached is not null)
        {
            return cached;
        }

        var resolution = await ResolveCoreAsync(connectionId, key, cancellationToken);
        cache.Set(cacheKey, resolution, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = options.Value.ResolverCacheDuration, Size = 1 });
        return resolution;
    }

    private async Task<UserResolution> ResolveCoreAsync(long connectionId, string key, CancellationToken cancellationToken)
    {
        var normalized = DirectoryText.Key(key);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var hub = await db.HubUsers.AsNoTracking().Where(h => h.ExternalId == key).Select(h => new { h.Id, h.DisplayName }).FirstOrDefaultAsync(cancellationToken)
            ?? await db.HubUsers.AsNoTracking().Where(h => h.NormalizedEmail == normalized).OrderBy(h => h.Id).Select(h => new { h.Id, h.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (hub is null)
        {
            return new(UserResolutionStatus.UnknownHubUser, null, null, $"No hub user has the external id or email '{DirectoryText.Cut(key, 100)}'.");
        }

        var target = await db.UserMappings.AsNoTracking()
            .Where(m => m.ConnectionId == connectionId && m.HubUserId == hub.Id && m.ServiceNowUserId != null)
            .Join(db.ServiceNowUsers, m => m.ServiceNowUserId, u => u.Id, (m, u) => new { u.SysId, u.UserName, u.Active, u.MissingSince })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return new(UserResolutionStatus.NotMapped, null, null, $"{hub.DisplayName} is not mapped to a ServiceNow user on this connection.");
        }

        if (target.MissingSince is not null)
        {
            return new(UserResolutionStatus.ServiceNowUserGone, null, target.UserName,
                $"{hub.DisplayName} is mapped to {target.UserName}, who is no longer on the instance (last import {target.MissingSince:yyyy-MM-dd HH:mm} UTC).");
        }

        return target.Active
            ? new(UserResolutionStatus.Resolved, target.SysId, target.UserName, $"{hub.DisplayName} is {target.UserName}.")
            : new(UserResolutionStatus.ServiceNowUserInactive, null, target.UserName, $"{hub.DisplayName} is mapped to {target.UserName}, who is inactive in ServiceNow.");
    }
}
