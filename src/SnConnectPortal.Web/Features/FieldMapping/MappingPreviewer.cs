using System.Text.Json;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>What the preview shows: the payload as ServiceNow would receive it (users still as hub users), its warnings, or why it cannot.</summary>
public sealed record MappingPreviewResult(string? Error, string? PayloadJson, IReadOnlyList<string> Warnings, string? SkippedReason);

/// <summary>
/// The editor's live preview: a pasted sample event (a whole events API event, or only its <c>fields</c> object) through
/// the mapping as it stands in the editor, unsaved, exactly as the events API would map it.
/// </summary>
public static class MappingPreviewer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static MappingPreviewResult Preview(TableMapping mapping, string? sample)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (string.IsNullOrWhiteSpace(sample))
        {
            return Refused("Paste a sample event, e.g. {\"fields\": {\"name\": \"Expired certificate\", \"urgency\": \"9.5\"}}.");
        }

        Dictionary<string, string> fields;
        try
        {
            using var document = JsonDocument.Parse(sample, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused("The sample is a JSON object: an event, or its fields.");
            }

            var source = root.TryGetProperty("fields", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
            fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in source.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return Refused($"{property.Name} is not a string: the events API takes every field value as a string, e.g. \"9.5\".");
                }

                fields[property.Name] = property.Value.GetString()!;
            }
        }
        catch (JsonException e)
        {
            return Refused($"The sample is not JSON: {e.Message}");
        }

        var outcome = MappingEngine.Map(mapping, fields);
        using var sent = JsonDocument.Parse(outcome.Payload.ToJson());
        var payload = JsonSerializer.Serialize(sent.RootElement, Indented);
        return new MappingPreviewResult(null, payload, outcome.Warnings, outcome.SkippedReason);
    }

    private static MappingPreviewResult Refused(string error) => new(error, null, [], null);
}
