namespace SnConnectPortal.Sandbox.Tables;

/// <summary>A table's columns, in the order the API returns them.</summary>
internal sealed class TableSchema
{
    private readonly Dictionary<string, FieldDefinition> _byName;

    public TableSchema(string name, string displayField, IEnumerable<FieldDefinition> fields, string? numberPrefix = null)
    {
        Name = name;
        DisplayField = displayField;
        NumberPrefix = numberPrefix;
        Fields = [.. fields];
        _byName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        VisibleFields = [.. Fields.Where(f => !f.Hidden)];
    }

    public string Name { get; }

    /// <summary>The field whose value is the record's display value (number, name, ...).</summary>
    public string DisplayField { get; }

    /// <summary>Prefix of the auto-number (INC, PRB, ...), or null when the table has no number.</summary>
    public string? NumberPrefix { get; }

    public IReadOnlyList<FieldDefinition> Fields { get; }

    public IReadOnlyList<FieldDefinition> VisibleFields { get; }

    public FieldDefinition? Find(string name) => _byName.GetValueOrDefault(name);
}
