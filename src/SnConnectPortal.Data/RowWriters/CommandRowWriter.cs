using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// Inserts row by row through one parameterized INSERT, which each provider words (<see cref="InsertSql"/>).
/// Row-by-row in one transaction is what the providers run fastest short of their bulk-copy paths: one round trip per
/// row on a local connection, no SQL text rebuilt.
/// </summary>
public abstract class CommandRowWriter : IRowWriter
{
    public async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var insert = new ModelInsert(db, typeof(T));
        await ForEachRowAsync(db, InsertSql(insert, returnsKey: false), insert, rows, command => command.ExecuteNonQueryAsync(cancellationToken), cancellationToken);
    }

    public async Task<long[]> InsertReturningKeysAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new long[rows.Count];
        if (rows.Count == 0)
        {
            return keys;
        }

        var insert = new ModelInsert(db, typeof(T));
        var next = 0;
        await ForEachRowAsync(db, InsertSql(insert, returnsKey: true), insert, rows, async command =>
        {
            keys[next++] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);
        return keys;
    }

    /// <summary>The INSERT of one row; with <paramref name="returnsKey"/> it also returns the row's generated key.</summary>
    internal abstract string InsertSql(ModelInsert insert, bool returnsKey);

    private async Task ForEachRowAsync<T>(
        DbContext db, string sql, ModelInsert insert, IEnumerable<T> rows, Func<DbCommand, Task> execute, CancellationToken cancellationToken)
        where T : class
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            var slots = insert.Bind(command);
            foreach (var row in rows)
            {
                foreach (var slot in slots)
                {
                    slot.Set(row);
                }

                await execute(command);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
