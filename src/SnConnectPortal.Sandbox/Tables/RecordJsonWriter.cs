using System.Text.Json;
using SnConnectPortal.Sandbox.Queries;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>
/// Writes records as the Table API does: every value a string, references as <c>{link, value}</c>, shaped by
/// sysparm_display_value / sysparm_exclude_reference_link / sysparm_fields (SERVICENOW-API.md section 1,
/// "Field value shapes"). Call inside a store read (references are looked up).
/// </summary>
internal sealed class RecordJsonWriter
{
    private readonly InstanceStore _store;
    private readonly string _instanceUrl;
    private readonly DisplayValueMode _mode;
    private readonly bool _excludeReferenceLink;
    private readonly IReadOnlyList<FieldPath> _fields;
    private readonly string _table;

    public RecordJsonWriter(
        InstanceStore store, TableSchema schema, string instanceUrl, DisplayValueMode mode, bool excludeReferenceLink,
        IReadOnlyList<string>? fields)
    {
        _store = store;
        _table = schema.Name;
        _instanceUrl = instanceUrl;
        _mode = mode;
        _excludeReferenceLink = excludeReferenceLink;
        _fields = fields is null
            ? [.. schema.VisibleFields.Select(f => new FieldPath(f.Name, f, null))]
            : [.. fields.Select(f => FieldPath.Resolve(schema, f)).OfType<FieldPath>()];
    }

    public static RecordJsonWriter For(InstanceStore store, TableSchema schema, string instanceUrl, TableReadRequest request) =>
        new(store, schema, instanceUrl, request.DisplayValue, request.ExcludeReferenceLink, request.Fields);

    public void Write(Utf8JsonWriter writer, SnRecord record)
    {
        writer.WriteStartObject();
        foreach (var path in _fields)
        {
            writer.WritePropertyName(path.Text);
            if (path.Reference is null)
            {
                WriteValue(writer, _table, path.Field, record[path.Field.Name]);
            }
            else
            {
                var id = record[path.Reference.Name];
                var target = id.Length > 0 ? _store.Find(path.Reference.ReferenceTable!, id) : null;
                WriteValue(writer, path.Reference.ReferenceTable!, path.Field, target?[path.Field.Name] ?? "");
            }
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, string table, Tables.FieldDefinition field, string value)
    {
        if (field.IsReference && value.Length > 0)
        {
            WriteReference(writer, field.ReferenceTable!, value);
            return;
        }

        switch (_mode)
        {
            case DisplayValueMode.Value:
                writer.WriteStringValue(value);
                break;
            case DisplayValueMode.Display:
                writer.WriteStringValue(DisplayOf(table, field, value));
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("display_value", DisplayOf(table, field, value));
                writer.WriteString("value", value);
                writer.WriteEndObject();
                break;
        }
    }

    private void WriteReference(Utf8JsonWriter writer, string targetTable, string sysId)
    {
        var link = $"{_instanceUrl}/api/now/table/{targetTable}/{sysId}";
        switch (_mode)
        {
            case DisplayValueMode.Value when _excludeReferenceLink:
                writer.WriteStringValue(sysId);
                break;
            case DisplayValueMode.Value:
                writer.WriteStartObject();
                writer.WriteString("link", link);
                writer.WriteString("value", sysId);
                writer.WriteEndObject();
                break;
            case DisplayValueMode.Display when _excludeReferenceLink:
                writer.WriteStringValue(ReferenceDisplay(targetTable, sysId));
                break;
            case DisplayValueMode.Display:
                writer.WriteStartObject();
                writer.WriteString("display_value", ReferenceDisplay(targetTable, sysId));
                writer.WriteString("link", link);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartObject();
                writer.WriteString("display_value", ReferenceDisplay(targetTable, sysId));
                writer.WriteString("value", sysId);
                if (!_excludeReferenceLink)
                {
                    writer.WriteString("link", link);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private string ReferenceDisplay(string table, string sysId) =>
        _store.Find(table, sysId) is { } target ? target[TableCatalog.Get(table).DisplayField] : "";

    private static string DisplayOf(string table, Tables.FieldDefinition field, string value) =>
        ChoiceLists.For(table, field.Name) is { } choices && choices.TryGetValue(value, out var label) ? label : value;
}
