using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>The context's provider's <see cref="IRowWriter"/>, as extension methods on the context.</summary>
public static class RowInserts
{
    private static readonly SqliteRowWriter Sqlite = new();
    private static readonly PostgresRowWriter Postgres = new();
    private static readonly SqlServerRowWriter SqlServer = new();

    /// <inheritdoc cref="IRowWriter.InsertAsync"/>
    public static Task InsertRowsAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class => For(db).InsertAsync(db, rows, cancellationToken);

    /// <inheritdoc cref="IRowWriter.InsertReturningKeysAsync"/>
    public static Task<long[]> InsertRowsReturningKeysAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class => For(db).InsertReturningKeysAsync(db, rows, cancellationToken);

    public static IRowWriter For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database switch
        {
            var database when database.IsSqlite() => Sqlite,
            var database when database.IsNpgsql() => Postgres,
            var database when database.IsSqlServer() => SqlServer,
            var database => throw new NotSupportedException($"No row writer for the provider {database.ProviderName}."),
        };
    }
}
