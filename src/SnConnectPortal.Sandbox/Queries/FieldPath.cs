using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Queries;

/// <summary>A column, or a reference column dot-walked one level (<c>caller_id.user_name</c>).</summary>
internal sealed record FieldPath(string Text, FieldDefinition Field, FieldDefinition? Reference)
{
    /// <summary>Resolves <paramref name="text"/> against a table, or null when it names no column.</summary>
    public static FieldPath? Resolve(TableSchema schema, string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return schema.Find(text) is { Hidden: false } field ? new FieldPath(text, field, null) : null;
        }

        if (schema.Find(text[..dot]) is not { IsReference: true } reference
            || TableCatalog.Find(reference.ReferenceTable!) is not { } target
            || target.Find(text[(dot + 1)..]) is not { Hidden: false } walked)
        {
            return null;
        }

        return new FieldPath(text, walked, reference);
    }

    /// <summary>The stored value on a row (the referenced row's value when dot-walked). Call inside a store read.</summary>
    public string ValueOf(SnRecord record, InstanceStore store)
    {
        if (Reference is null)
        {
            return record[Field.Name];
        }

        var id = record[Reference.Name];
        return id.Length > 0 && store.Find(Reference.ReferenceTable!, id) is { } target ? target[Field.Name] : "";
    }
}
