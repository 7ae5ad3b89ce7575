using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace SnConnectPortal.Data.Tests.Schema;

/// <summary>
/// Reads a SQLite database's schema back from sqlite_master and the table/index/foreign-key pragmas,
/// leaving out SQLite's and EF's own bookkeeping tables.
/// </summary>
internal static class SqliteSchemaReader
{
    public static async Task<SchemaDescription> ReadAsync(string databasePath, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly };
        await using var connection = new SqliteConnection(connectionString.ToString());
        await connection.OpenAsync(cancellationToken);

        var schema = new SchemaDescription();
        var tables = await QueryAsync(
            connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')",
            row => (Name: row.GetString(0), Sql: row.GetString(1)),
            name: null,
            cancellationToken);

        foreach (var (table, createSql) in tables)
        {
            schema.AddTable(table);
            await ReadColumnsAndPrimaryKeyAsync(connection, schema, table, createSql, cancellationToken);
            await ReadIndexesAsync(connection, schema, table, cancellationToken);
            await ReadForeignKeysAsync(connection, schema, table, cancellationToken);
        }

        return schema;
    }

    private static async Task ReadColumnsAndPrimaryKeyAsync(
        SqliteConnection connection,
        SchemaDescription schema,
        string table,
        string createSql,
        CancellationToken cancellationToken)
    {
        var columns = await QueryAsync(
            connection,
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info($name)",
            row => (Name: row.GetString(0), Type: row.GetString(1), NotNull: row.GetBoolean(2), PrimaryKeyOrder: row.GetInt32(3)),
            table,
            cancellationToken);

        foreach (var column in columns)
        {
            var autoincrement = Regex.IsMatch(
                createSql,
                $"\"{Regex.Escape(column.Name)}\"[^,]*\\bAUTOINCREMENT\\b",
                RegexOptions.IgnoreCase);
            schema.AddColumn(table, column.Name, column.Type, !column.NotNull, autoincrement);
        }

        var primaryKey = columns.Where(column => column.PrimaryKeyOrder > 0).OrderBy(column => column.PrimaryKeyOrder).ToList();
        if (primaryKey.Count > 0)
        {
            schema.AddPrimaryKey(table, primaryKey.Select(column => column.Name));
        }
    }

    private static async Task ReadIndexesAsync(
        SqliteConnection connection,
        SchemaDescription schema,
        string table,
        CancellationToken cancellationToken)
    {
        // origin: 'c' = CREATE INDEX, 'u' = UNIQUE constraint, 'pk' = the primary key (read from table_info).
        var indexes = await QueryAsync(
            connection,
            "SELECT name, \"unique\", origin FROM pragma_index_list($name) WHERE origin <> 'pk'",
            row => (Name: row.GetString(0), Unique: row.GetBoolean(1), Origin: row.GetString(2)),
            table,
            cancellationToken);

        foreach (var index in indexes)
        {
            var columns = await QueryAsync(
                connection,
                "SELECT name FROM pragma_index_info($name) ORDER BY seqno",
                row => row.GetString(0),
                index.Name,
                cancellationToken);
            if (index.Origin == "u")
            {
                schema.AddUniqueConstraint(table, columns);
            }
            else
            {
                schema.AddIndex(table, index.Name, columns, index.Unique);
            }
        }
    }

    private static async Task ReadForeignKeysAsync(
        SqliteConnection connection,
        SchemaDescription schema,
        string table,
        CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            connection,
            "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($name)",
            row => (Id: row.GetInt32(0), Seq: row.GetInt32(1), Principal: row.GetString(2), From: row.GetString(3), To: row.GetString(4), OnDelete: row.GetString(5)),
            table,
            cancellationToken);

        foreach (var foreignKey in rows.GroupBy(row => row.Id))
        {
            var ordered = foreignKey.OrderBy(row => row.Seq).ToList();
            schema.AddForeignKey(
                table,
                ordered.Select(row => row.From),
                ordered[0].Principal,
                ordered.Select(row => row.To),
                ordered[0].OnDelete);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(
        SqliteConnection connection,
        string sql,
        Func<SqliteDataReader, T> read,
        string? name,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var results = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(read(reader));
        }

        return results;
    }
}
