using System.Text.Json;

namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>
/// ServiceNow's error text from a response body: the REST envelope
/// <c>{"error":{"message":M,"detail":D},"status":"failure"}</c> or the OAuth form
/// <c>{"error":"server_error","error_description":"access_denied"}</c>.
/// </summary>
internal sealed record ServiceNowErrorBody(string? Message, string? Detail)
{
    public static ServiceNowErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ServiceNowErrorBody(null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error))
            {
                return new ServiceNowErrorBody(null, null);
            }

            return error.ValueKind switch
            {
                JsonValueKind.Object => new ServiceNowErrorBody(StringOrNull(error, "message"), StringOrNull(error, "detail")),
                JsonValueKind.String => new ServiceNowErrorBody(error.GetString(), StringOrNull(document.RootElement, "error_description")),
                _ => new ServiceNowErrorBody(null, null),
            };
        }
        catch (JsonException)
        {
            return new ServiceNowErrorBody(null, null);
        }
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
