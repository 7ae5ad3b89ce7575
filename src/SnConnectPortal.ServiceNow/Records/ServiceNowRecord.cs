using System.Text.Json;

namespace SnConnectPortal.ServiceNow.Records;

/// <summary>
/// One row of any table: every value as the string ServiceNow sends (references as their sys_id), plus the row's
/// raw JSON for the message view.
/// </summary>
public sealed class ServiceNowRecord
{
    public ServiceNowRecord(IReadOnlyDictionary<string, string> fields, string rawJson)
    {
        Fields = fields;
        RawJson = rawJson;
    }

    public IReadOnlyDictionary<string, string> Fields { get; }

    public string RawJson { get; }

    public string SysId => this["sys_id"];

    /// <summary>The field's value, or "" when the row does not have it (ServiceNow's own empty value).</summary>
    public string this[string field] => Fields.TryGetValue(field, out var value) ? value : string.Empty;

    public static ServiceNowRecord FromJson(JsonElement row)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            fields[property.Name] = ValueOf(property.Value);
        }

        return new ServiceNowRecord(fields, row.GetRawText());
    }

    // Reference fields come as {"link","value"} and display_value=all as {"display_value","value"}: keep the value.
    private static string ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Object when value.TryGetProperty("value", out var inner) => ValueOf(inner),
        JsonValueKind.Object when value.TryGetProperty("display_value", out var display) => ValueOf(display),
        _ => value.GetRawText(),
    };
}
