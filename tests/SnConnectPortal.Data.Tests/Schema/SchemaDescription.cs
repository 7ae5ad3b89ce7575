namespace SnConnectPortal.Data.Tests.Schema;

/// <summary>
/// A database schema as a set of comparable facts (one line per table, column, key, index and foreign key),
/// so a model and a migrated database can be compared and every difference listed.
/// </summary>
public sealed class SchemaDescription
{
    private readonly SortedSet<string> _facts = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Facts => _facts;

    public void AddTable(string table) => _facts.Add($"table {table}");

    /// <param name="generated">The database generates the value (PostgreSQL identity, SQLite AUTOINCREMENT).</param>
    public void AddColumn(string table, string column, string storeType, bool nullable, bool generated) =>
        _facts.Add($"{table}: column {column} {storeType} {(nullable ? "NULL" : "NOT NULL")}{(generated ? " generated" : "")}");

    public void AddPrimaryKey(string table, IEnumerable<string> columns) =>
        _facts.Add($"{table}: primary key ({string.Join(", ", columns)})");

    public void AddUniqueConstraint(string table, IEnumerable<string> columns) =>
        _facts.Add($"{table}: unique constraint ({string.Join(", ", columns)})");

    public void AddIndex(string table, string name, IEnumerable<string> columns, bool unique) =>
        _facts.Add($"{table}: {(unique ? "unique index" : "index")} {name} ({string.Join(", ", columns)})");

    public void AddForeignKey(
        string table,
        IEnumerable<string> columns,
        string principalTable,
        IEnumerable<string> principalColumns,
        string onDelete) =>
        _facts.Add(
            $"{table}: foreign key ({string.Join(", ", columns)}) references {principalTable} " +
            $"({string.Join(", ", principalColumns)}) on delete {onDelete}");

    /// <summary>Every fact of the model missing from the database and every fact of the database not in the model.</summary>
    public IReadOnlyList<string> DifferencesFrom(SchemaDescription model) =>
    [
        .. model.Facts.Except(_facts).Select(fact => $"in the model, not in the database: {fact}"),
        .. _facts.Except(model.Facts).Select(fact => $"in the database, not in the model: {fact}"),
    ];
}
