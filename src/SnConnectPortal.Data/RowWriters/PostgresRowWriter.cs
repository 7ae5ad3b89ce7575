using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// PostgreSQL: rows whose keys are not needed go in through binary <c>COPY ... FROM STDIN</c> (one stream instead of a
/// round trip per row); rows whose keys are needed through one <c>INSERT ... RETURNING</c> per row, all sent as one
/// batch (one round trip), each statement's result read in order.
/// </summary>
public sealed class PostgresRowWriter : IRowWriter
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
        var columns = insert.Columns.Select(column => new CopyColumn(column)).ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // COPY joins the transaction open on the connection, if any.
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var importer = await connection.BeginBinaryImportAsync(CopySql(insert), cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    await column.WriteAsync(importer, row, cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
        var columns = insert.Columns.Select(column => new CopyColumn(column)).ToList();
        var sql = BatchInsertSql(insert);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(sql);
                foreach (var column in columns)
                {
                    command.Parameters.Add(column.Parameter(row));
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < keys.Length; i++)
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"The insert of row {i} into {insert.Table} returned no key.");
                }

                keys[i] = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken);
            }

            return keys;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One row's INSERT with positional parameters ($1 ...), as a batch statement.</summary>
    internal static string BatchInsertSql(ModelInsert insert) =>
        $"INSERT INTO {insert.Table} ({insert.ColumnList}) VALUES ({string.Join(", ", insert.Columns.Select((_, i) => "$" + (i + 1)))}) RETURNING {insert.KeyColumn}";

    internal static string CopySql(ModelInsert insert) => $"COPY {insert.Table} ({insert.ColumnList}) FROM STDIN (FORMAT BINARY)";

    /// <summary>One column of a row, written with the column's own store type (without its length).</summary>
    private sealed class CopyColumn(IProperty column)
    {
        private readonly IClrPropertyGetter _getter = column.GetGetter();
        private readonly RelationalTypeMapping _mapping = column.GetRelationalTypeMapping();
        private readonly string _dataTypeName = StripFacets(column.GetColumnType());

        public Task WriteAsync(NpgsqlBinaryImporter importer, object row, CancellationToken cancellationToken) =>
            ColumnSlot.ProviderValue(_getter, _mapping, row) is { } value
                ? importer.WriteAsync(value, _dataTypeName, cancellationToken)
                : importer.WriteNullAsync(cancellationToken);

        /// <summary>The column's value in <paramref name="row"/> as a positional parameter.</summary>
        public NpgsqlParameter Parameter(object row) => new()
        {
            Value = ColumnSlot.ProviderValue(_getter, _mapping, row) ?? DBNull.Value,
            DataTypeName = _dataTypeName,
        };

        // "character varying(255)" → "character varying": COPY's binary format carries no length.
        private static string StripFacets(string storeType) =>
            storeType.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? storeType[..open].TrimEnd() : storeType;
    }
}
