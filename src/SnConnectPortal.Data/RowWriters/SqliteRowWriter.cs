using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// SQLite: one INSERT (<c>RETURNING</c> the key, SQLite 3.35+) prepared once per call and run once per row, all in the
/// caller's transaction. Its parameters are bound by position through SQLite's own API on the connection EF opened:
/// Microsoft.Data.Sqlite looks every parameter up by name on every execution, which a profile of the first user import
/// showed costing several times what SQLite spends inserting the row. Values are bound as Microsoft.Data.Sqlite binds
/// them (after the model's value converters), so a row is stored exactly as EF would store it.
/// </summary>
public sealed class SqliteRowWriter : IRowWriter
{
    // Microsoft.Data.Sqlite's text form of a DateTime (SqliteValueBinder), which EF's SQLite provider reads back.
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private static readonly HashSet<Type> BindableTypes =
        [typeof(string), typeof(long), typeof(int), typeof(short), typeof(byte), typeof(bool), typeof(double), typeof(DateTime), typeof(byte[])];

    public Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count == 0
            ? Task.CompletedTask
            : ForEachRowAsync(db, typeof(T), rows, returnsKey: false, onKey: null, cancellationToken);
    }

    public async Task<long[]> InsertReturningKeysAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var keys = new long[rows.Count];
        if (rows.Count > 0)
        {
            var next = 0;
            await ForEachRowAsync(db, typeof(T), rows, returnsKey: true, onKey: key => keys[next++] = key, cancellationToken);
        }

        return keys;
    }

    /// <summary>The INSERT of one row; with <paramref name="returnsKey"/> it also returns the row's generated key.</summary>
    internal static string InsertSql(ModelInsert insert, bool returnsKey) =>
        $"INSERT INTO {insert.Table} ({insert.ColumnList}) VALUES ({string.Join(", ", insert.Columns.Select((_, i) => "?" + (i + 1).ToString(CultureInfo.InvariantCulture)))})" +
        (returnsKey ? $" RETURNING {insert.KeyColumn}" : "");

    private static async Task ForEachRowAsync(
        DbContext db, Type rowType, IEnumerable<object> rows, bool returnsKey, Action<long>? onKey, CancellationToken cancellationToken)
    {
        var insert = new ModelInsert(db, rowType);
        var columns = insert.Columns.Select(Column).ToArray();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
            Check(raw.sqlite3_prepare_v2(handle, InsertSql(insert, returnsKey), out var statement), handle);
            using (statement)
            {
                foreach (var row in rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    for (var i = 0; i < columns.Length; i++)
                    {
                        Check(Bind(statement, i + 1, ColumnSlot.ProviderValue(columns[i].Getter, columns[i].Mapping, row)), handle);
                    }

                    var result = raw.sqlite3_step(statement);
                    if (result == raw.SQLITE_ROW)
                    {
                        onKey?.Invoke(raw.sqlite3_column_int64(statement, 0));
                        result = raw.sqlite3_step(statement);
                    }

                    raw.sqlite3_reset(statement);
                    if (result != raw.SQLITE_DONE)
                    {
                        SqliteException.ThrowExceptionForRC(result, handle);
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (IClrPropertyGetter Getter, RelationalTypeMapping Mapping) Column(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        var stored = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        if (!BindableTypes.Contains(Nullable.GetUnderlyingType(stored) ?? stored))
        {
            throw new NotSupportedException(
                $"{property.DeclaringType.DisplayName()}.{property.Name} is stored as {stored.Name}, which the SQLite row writer does not bind; add it beside the others.");
        }

        return (property.GetGetter(), mapping);
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        short number => raw.sqlite3_bind_int64(statement, index, number),
        byte number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, index, number),
        DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        _ => throw new NotSupportedException($"The SQLite row writer does not bind {value.GetType().Name}."),
    };

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }
}
