using Npgsql;

namespace SnConnectPortal.Data.Tests.Schema;

/// <summary>Reads the <c>public</c> schema of a PostgreSQL database back from pg_catalog.</summary>
internal static class PostgresSchemaReader
{
    private const string Tables = """
        SELECT c.relname::text
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        """;

    private const string Columns = """
        SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity <> ''
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
          AND a.attnum > 0 AND NOT a.attisdropped
        """;

    // Column names of a key, in key order.
    private const string KeyColumns = """
        ARRAY(SELECT a.attname::text
              FROM unnest({0}) WITH ORDINALITY k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = {1} AND a.attnum = k.attnum
              ORDER BY k.ord)
        """;

    private static readonly string Constraints = $"""
        SELECT t.relname::text, con.contype::text,
               {string.Format(null, KeyColumns, "con.conkey", "con.conrelid")},
               p.relname::text,
               {string.Format(null, KeyColumns, "con.confkey", "con.confrelid")},
               con.confdeltype::text
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_class p ON p.oid = con.confrelid
        WHERE n.nspname = 'public' AND con.contype IN ('p', 'u', 'f') AND t.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
        """;

    // Indexes other than those backing a primary key or unique constraint.
    private static readonly string Indexes = $"""
        SELECT t.relname::text, i.relname::text, ix.indisunique,
               {string.Format(null, KeyColumns, "ix.indkey::int2[]", "ix.indrelid")}
        FROM pg_index ix
        JOIN pg_class i ON i.oid = ix.indexrelid
        JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                          WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u'))
        """;

    public static async Task<SchemaDescription> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var schema = new SchemaDescription();

        await ForEachRowAsync(dataSource, Tables, row => schema.AddTable(row.GetString(0)), cancellationToken);
        await ForEachRowAsync(
            dataSource,
            Columns,
            row => schema.AddColumn(row.GetString(0), row.GetString(1), row.GetString(2), !row.GetBoolean(3), row.GetBoolean(4)),
            cancellationToken);
        await ForEachRowAsync(dataSource, Constraints, row => AddConstraint(schema, row), cancellationToken);
        await ForEachRowAsync(
            dataSource,
            Indexes,
            row => schema.AddIndex(row.GetString(0), row.GetString(1), row.GetFieldValue<string[]>(3), row.GetBoolean(2)),
            cancellationToken);
        return schema;
    }

    private static void AddConstraint(SchemaDescription schema, NpgsqlDataReader row)
    {
        var table = row.GetString(0);
        var columns = row.GetFieldValue<string[]>(2);
        switch (row.GetString(1))
        {
            case "p":
                schema.AddPrimaryKey(table, columns);
                break;
            case "u":
                schema.AddUniqueConstraint(table, columns);
                break;
            default:
                schema.AddForeignKey(table, columns, row.GetString(3), row.GetFieldValue<string[]>(4), OnDelete(row.GetString(5)));
                break;
        }
    }

    private static string OnDelete(string code) => code switch
    {
        "c" => "CASCADE",
        "r" => "RESTRICT",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static async Task ForEachRowAsync(
        NpgsqlDataSource dataSource,
        string sql,
        Action<NpgsqlDataReader> read,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }
}
