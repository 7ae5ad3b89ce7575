namespace SnConnectPortal.Data.RowWriters;

/// <summary>
/// SQL Server: one parameterized INSERT per row, the key read with <c>OUTPUT INSERTED</c> (SQL Server has no
/// <c>RETURNING</c>; the portal's tables have no triggers, which <c>OUTPUT</c> without <c>INTO</c> would refuse).
/// Not prepared: <c>SqlCommand.Prepare</c> wants an explicit size on every variable-length parameter, and
/// <c>sp_executesql</c> caches the plan of the unchanged text anyway.
/// </summary>
public sealed class SqlServerRowWriter : CommandRowWriter
{
    internal override string InsertSql(ModelInsert insert, bool returnsKey) =>
        $"INSERT INTO {insert.Table} ({insert.ColumnList})" +
        (returnsKey ? $" OUTPUT INSERTED.{insert.KeyColumn}" : "") +
        $" VALUES ({insert.ParameterList})";
}
