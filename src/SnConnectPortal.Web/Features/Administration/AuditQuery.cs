using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Administration;

/// <summary>A filter over the audit log, as the Administration page sets it.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>Reads the audit log newest first, one page at a time, with the ids it mentions resolved to names.</summary>
public sealed class AuditQuery(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public async Task<(IReadOnlyList<AuditRow> Page, int Total)> ReadAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(e => e.Actor.Contains(filter.Actor.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(e => e.EntityType == filter.EntityType);
        }

        if (filter.FromUtc is { } from)
        {
            query = query.Where(e => e.OccurredAt >= from);
        }

        if (filter.ToUtc is { } to)
        {
            query = query.Where(e => e.OccurredAt < to);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(db, page, cancellationToken);
        return (page.Select(e => AuditText.Describe(e, names)).ToList(), total);
    }

    /// <summary>The names of everything the page's entries mention, a few queries per page whatever its size.</summary>
    private static async Task<AuditNames> NamesAsync(PortalDbContext db, List<AuditEntry> page, CancellationToken cancellationToken)
    {
        var connectionIds = new HashSet<long>();
        var hubUserIds = new HashSet<long>();
        var serviceNowUserIds = new HashSet<long>();
        var portalUserIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in page)
        {
            var details = AuditText.Details(entry.Details);
            Add(connectionIds, AuditText.Long(details, "connectionId"));
            Add(hubUserIds, AuditText.Long(details, "hubUserId"));
            switch (entry.EntityType)
            {
                case "Connection":
                    Add(connectionIds, AuditText.Long(entry.EntityId));
                    break;
                case "HubUser":
                    Add(hubUserIds, AuditText.Long(entry.EntityId));
                    break;
                case "UserMapping":
                    Add(serviceNowUserIds, AuditText.Long(details, "from"));
                    Add(serviceNowUserIds, AuditText.Long(details, "to"));
                    break;
                case "PortalUser" when entry.EntityId is not null:
                    portalUserIds.Add(entry.EntityId);
                    break;
            }
        }

        var names = new AuditNames();
        foreach (var c in await db.Connections.AsNoTracking().Where(c => connectionIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            names.Connections[c.Id] = c.Name;
        }

        foreach (var h in await db.HubUsers.AsNoTracking().Where(h => hubUserIds.Contains(h.Id)).Select(h => new { h.Id, h.DisplayName }).ToListAsync(cancellationToken))
        {
            names.HubUsers[h.Id] = h.DisplayName;
        }

        foreach (var u in await db.ServiceNowUsers.AsNoTracking().Where(u => serviceNowUserIds.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.UserName }).ToListAsync(cancellationToken))
        {
            names.ServiceNowUsers[u.Id] = u.Name.Length > 0 ? $"{u.Name} ({u.UserName})" : u.UserName;
        }

        foreach (var p in await db.Users.AsNoTracking().Where(p => portalUserIds.Contains(p.Id)).Select(p => new { p.Id, p.Email }).ToListAsync(cancellationToken))
        {
            names.PortalUsers[p.Id] = p.Email ?? p.Id;
        }

        return names;
    }

    private static void Add(HashSet<long> ids, long? id)
    {
        if (id is { } value)
        {
            ids.Add(value);
        }
    }
}
