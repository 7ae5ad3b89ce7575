using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Audit;

/// <summary>A filter over the audit log, as the Administration page sets it.</summary>
public sealed record AuditFilter(string? Actor = null, string? EntityType = null, DateTime? FromUtc = null, DateTime? ToUtc = null);

/// <summary>Reads the audit log newest first, one page at a time.</summary>
public sealed class AuditQuery(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public async Task<(IReadOnlyList<AuditEntry> Page, int Total)> ReadAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken)
    {
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
            .Skip(skip)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        return (page, total);
    }
}
