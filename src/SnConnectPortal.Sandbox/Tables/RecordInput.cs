using System.Text.Json;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>The field values of a POST/PUT/PATCH body, as strings (one record; extra records are ignored).</summary>
internal static class RecordInput
{
    /// <summary>The values, or null when the body is not a JSON object (or an array holding one).</summary>
    public static Dictionary<string, string>? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                root = root.GetArrayLength() > 0 ? root[0] : default;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                values[property.Name] = AsString(property.Value);
            }

            return values;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object when value.TryGetProperty("value", out var inner) => AsString(inner),
        _ => value.GetRawText(),
    };
}
