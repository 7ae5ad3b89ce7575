using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Auditing;

/// <summary>Writes who did what to which entity. Details never carry secret values.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> dbContextFactory, TimeProvider timeProvider)
{
    // Enums by name, the words the database stores (a message's status in a replay's filter, say), not their numbers.
    private static readonly JsonSerializerOptions DetailsJson = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task WriteAsync(string actor, string action, string entityType, string? entityId, object? details, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = timeProvider.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details is null ? null : JsonSerializer.Serialize(details, DetailsJson),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
