using Microsoft.Data.SqlClient;

namespace SnConnectPortal.Data.Tests.Schema;

/// <summary>Reads the <c>dbo</c> schema of a SQL Server database back from the sys catalog views.</summary>
internal static class SqlServerSchemaReader
{
    private const string OwnTables = "t.is_ms_shipped = 0 AND SCHEMA_NAME(t.schema_id) = 'dbo' AND t.name <> '__EFMigrationsHistory'";

    private const string Tables = $"SELECT t.name FROM sys.tables t WHERE {OwnTables}";

    // The store type as EF writes it: nvarchar(256), nvarchar(max), varbinary(max), bigint, datetime2 ...
    private const string Columns = $"""
        SELECT t.name, c.name,
               CASE WHEN ty.name IN ('nvarchar', 'nchar') THEN ty.name + '(' + IIF(c.max_length = -1, 'max', CAST(c.max_length / 2 AS varchar(10))) + ')'
                    WHEN ty.name IN ('varchar', 'char', 'varbinary', 'binary') THEN ty.name + '(' + IIF(c.max_length = -1, 'max', CAST(c.max_length AS varchar(10))) + ')'
                    WHEN ty.name IN ('decimal', 'numeric') THEN ty.name + '(' + CAST(c.precision AS varchar(10)) + ',' + CAST(c.scale AS varchar(10)) + ')'
                    ELSE ty.name END,
               c.is_nullable, c.is_identity
        FROM sys.columns c
        JOIN sys.tables t ON t.object_id = c.object_id
        JOIN sys.types ty ON ty.user_type_id = c.user_type_id
        WHERE {OwnTables}
        """;

    // Every index with its key columns in order; is_primary_key / is_unique_constraint tell keys from plain indexes.
    private const string Indexes = $"""
        SELECT t.name, i.name, i.is_primary_key, i.is_unique_constraint, i.is_unique,
               STRING_AGG(CAST(c.name AS nvarchar(max)), ',') WITHIN GROUP (ORDER BY ic.key_ordinal)
        FROM sys.indexes i
        JOIN sys.tables t ON t.object_id = i.object_id
        JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
        JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE {OwnTables} AND i.type > 0
        GROUP BY t.name, i.name, i.is_primary_key, i.is_unique_constraint, i.is_unique
        """;

    private const string ForeignKeys = $"""
        SELECT t.name, p.name, fk.delete_referential_action_desc,
               STRING_AGG(CAST(c.name AS nvarchar(max)), ',') WITHIN GROUP (ORDER BY fkc.constraint_column_id),
               STRING_AGG(CAST(pc.name AS nvarchar(max)), ',') WITHIN GROUP (ORDER BY fkc.constraint_column_id)
        FROM sys.foreign_keys fk
        JOIN sys.tables t ON t.object_id = fk.parent_object_id
        JOIN sys.tables p ON p.object_id = fk.referenced_object_id
        JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
        JOIN sys.columns c ON c.object_id = fkc.parent_object_id AND c.column_id = fkc.parent_column_id
        JOIN sys.columns pc ON pc.object_id = fkc.referenced_object_id AND pc.column_id = fkc.referenced_column_id
        WHERE {OwnTables}
        GROUP BY fk.object_id, t.name, p.name, fk.delete_referential_action_desc
        """;

    public static async Task<SchemaDescription> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var schema = new SchemaDescription();

        await ForEachRowAsync(connection, Tables, row => schema.AddTable(row.GetString(0)), cancellationToken);
        await ForEachRowAsync(
            connection,
            Columns,
            row => schema.AddColumn(row.GetString(0), row.GetString(1), row.GetString(2), row.GetBoolean(3), row.GetBoolean(4)),
            cancellationToken);
        await ForEachRowAsync(connection, Indexes, row => AddIndex(schema, row), cancellationToken);
        await ForEachRowAsync(
            connection,
            ForeignKeys,
            row => schema.AddForeignKey(
                row.GetString(0), row.GetString(3).Split(','), row.GetString(1), row.GetString(4).Split(','), row.GetString(2).Replace('_', ' ')),
            cancellationToken);
        return schema;
    }

    private static void AddIndex(SchemaDescription schema, SqlDataReader row)
    {
        var table = row.GetString(0);
        var columns = row.GetString(5).Split(',');
        if (row.GetBoolean(2))
        {
            schema.AddPrimaryKey(table, columns);
        }
        else if (row.GetBoolean(3))
        {
            schema.AddUniqueConstraint(table, columns);
        }
        else
        {
            schema.AddIndex(table, row.GetString(1), columns, row.GetBoolean(4));
        }
    }

    private static async Task ForEachRowAsync(SqlConnection connection, string sql, Action<SqlDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }
}
