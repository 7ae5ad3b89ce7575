namespace SnConnectPortal.Data.RowWriters;

/// <summary>SQLite: one prepared INSERT per row (<c>RETURNING</c> the key, SQLite 3.35+), all in the caller's transaction.</summary>
public sealed class SqliteRowWriter : CommandRowWriter
{
    protected override bool Prepares => true;

    internal override string InsertSql(ModelInsert insert, bool returnsKey) =>
        $"INSERT INTO {insert.Table} ({insert.ColumnList}) VALUES ({insert.ParameterList})" +
        (returnsKey ? $" RETURNING {insert.KeyColumn}" : "");
}
