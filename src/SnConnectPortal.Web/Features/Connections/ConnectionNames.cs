using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Connections;

/// <inheritdoc />
public sealed class ConnectionNames(IDbContextFactory<PortalDbContext> dbContextFactory) : IConnectionNames
{
    public async Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken)
    {
        var normalized = Normalize(name);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return !await db.Connections.AnyAsync(
            c => c.NormalizedName == normalized && c.DeletedAt == null && c.Id != exceptId, cancellationToken);
    }

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
