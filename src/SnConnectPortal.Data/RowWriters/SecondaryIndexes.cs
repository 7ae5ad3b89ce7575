using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// A table's secondary indexes (non-unique, so they enforce nothing) set aside while an empty table is bulk-loaded,
/// and built again afterwards. Rows arriving in key order but in random order for those indexes make every
/// transaction rewrite pages all over each index (and, on PostgreSQL, write them all to the WAL); one sorted build at
/// the end is much cheaper. SQLite and PostgreSQL do this; SQL Server, which no benchmark here can measure, does not.
/// The indexes are those of the EF model, so a rebuilt index is the one the migrations created, and a rebuild is
/// idempotent (<c>IF NOT EXISTS</c>).
/// </summary>
public static class SecondaryIndexes
{
    /// <summary>
    /// On SQLite and PostgreSQL, if <typeparamref name="T"/>'s table has no rows at all, drops its non-unique indexes
    /// (in one transaction with the emptiness check) and returns true; otherwise, and on SQL Server, does nothing and
    /// returns false. Whoever gets true calls <see cref="RestoreAsync{T}"/> when the load ends, however it ends.
    /// </summary>
    public static async Task<bool> DeferAsync<T>(DbContext db, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Defers(db))
        {
            return false;
        }

        var table = new TableIndexes(db, typeof(T));
        if (table.Secondary.Count == 0)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Identifiers from the model, not input: no parameters to bind.
        var emptySql = $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {table.Name}) THEN 0 ELSE 1 END AS \"Value\"";
        var empty = await db.Database.SqlQueryRaw<int>(emptySql).SingleAsync(cancellationToken) == 1;
        if (!empty)
        {
            return false;
        }

        foreach (var sql in table.Secondary.Select(index => "DROP INDEX IF EXISTS " + table.IndexName(index)))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// On SQLite and PostgreSQL, creates each of <typeparamref name="T"/>'s non-unique indexes that does not exist (one
    /// sorted pass over the table per index); with every index in place it changes nothing. SQL Server: nothing.
    /// </summary>
    public static async Task RestoreAsync<T>(DbContext db, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Defers(db))
        {
            return;
        }

        var table = new TableIndexes(db, typeof(T));
        foreach (var sql in table.Secondary.Select(table.CreateSql))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    private static bool Defers(DbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    /// <summary>The <c>CREATE INDEX IF NOT EXISTS</c> statements <see cref="RestoreAsync{T}"/> runs.</summary>
    internal static IReadOnlyList<string> CreateSql(DbContext db, Type rowType)
    {
        var table = new TableIndexes(db, rowType);
        return table.Secondary.Select(table.CreateSql).ToList();
    }

    private sealed class TableIndexes
    {
        private readonly ISqlGenerationHelper _sql;
        private readonly StoreObjectIdentifier _table;

        public TableIndexes(DbContext db, Type rowType)
        {
            var entity = db.Model.FindEntityType(rowType) ?? throw new InvalidOperationException($"{rowType.Name} is not in the model.");
            _sql = db.GetService<ISqlGenerationHelper>();
            _table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            // Plain column lists only (the read-optimized model keeps no sort orders or filters to check; none is used).
            Secondary = entity.GetIndexes().Where(i => !i.IsUnique).ToList();
        }

        public IReadOnlyList<IIndex> Secondary { get; }

        public string Name => _sql.DelimitIdentifier(_table.Name, _table.Schema);

        public string IndexName(IIndex index) => _sql.DelimitIdentifier(index.GetDatabaseName(_table)!);

        public string CreateSql(IIndex index) =>
            $"CREATE INDEX IF NOT EXISTS {IndexName(index)} ON {Name} ({string.Join(", ", index.Properties.Select(p => _sql.DelimitIdentifier(p.GetColumnName(_table)!)))})";
    }
}
