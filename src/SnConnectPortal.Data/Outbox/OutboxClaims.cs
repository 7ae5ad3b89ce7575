using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Outbox;

/// <summary>The context's provider's <see cref="IOutboxClaims"/>.</summary>
public static class OutboxClaims
{
    private static readonly SqliteOutboxClaims Sqlite = new();
    private static readonly PostgresOutboxClaims Postgres = new();
    private static readonly SqlServerOutboxClaims SqlServer = new();

    public static IOutboxClaims For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database switch
        {
            var database when database.IsSqlite() => Sqlite,
            var database when database.IsNpgsql() => Postgres,
            var database when database.IsSqlServer() => SqlServer,
            var database => throw new NotSupportedException($"No outbox claim for the provider {database.ProviderName}."),
        };
    }
}
