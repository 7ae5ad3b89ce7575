using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>One alert as the Alerts page lists it.</summary>
public sealed record AlertRow(long Id, string ConnectionName, AlertKind Kind, string Detail, DateTime OpenedAt, DateTime? ResolvedAt, string? ResolvedDetail);

/// <summary>The latest alerts, open ones first, for the Alerts page.</summary>
public sealed class AlertHistory(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public async Task<IReadOnlyList<AlertRow>> RecentAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.AsNoTracking()
            .OrderBy(a => a.ResolvedAt == null ? 0 : 1).ThenByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id)
            .Take(Math.Clamp(take, 1, 200))
            .Join(db.Connections, a => a.ConnectionId, c => c.Id,
                (a, c) => new AlertRow(a.Id, c.Name, a.Kind, a.Detail, a.OpenedAt, a.ResolvedAt, a.ResolvedDetail))
            .ToListAsync(cancellationToken);
    }
}
