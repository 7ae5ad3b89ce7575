using System.Text.Json;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// What an outbound message asks ServiceNow to store: the record's field values, and for user fields (caller_id,
/// assigned_to ...) the hub user to resolve when it is delivered, so that a mapping made after the message was queued
/// still counts. As JSON: <c>{"short_description": "Printer on fire", "caller_id": {"hubUser": "agent-7"}}</c>.
/// </summary>
public sealed record OutboundPayload(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, string> HubUsers)
{
    private const string HubUserProperty = "hubUser";

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (field, value) in Fields)
            {
                writer.WriteString(field, value);
            }

            foreach (var (field, hubUser) in HubUsers)
            {
                writer.WriteStartObject(field);
                writer.WriteString(HubUserProperty, hubUser);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The payload, or null when it is not an object of strings and <c>{"hubUser": "..."}</c> references.</summary>
    public static OutboundPayload? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var hubUsers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    fields[property.Name] = property.Value.GetString()!;
                }
                else if (property.Value.ValueKind == JsonValueKind.Object &&
                    property.Value.TryGetProperty(HubUserProperty, out var hubUser) && hubUser.ValueKind == JsonValueKind.String)
                {
                    hubUsers[property.Name] = hubUser.GetString()!;
                }
                else
                {
                    return null;
                }
            }

            return new OutboundPayload(fields, hubUsers);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
