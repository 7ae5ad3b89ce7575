using System.Globalization;
using System.Text.Json;
using SnConnectPortal.ServiceNow.Records;

namespace SnConnectPortal.ServiceNow.Http;

/// <summary>Reads the facts and the <c>{"result":...}</c> envelope out of ServiceNow's answers.</summary>
internal static class ServiceNowResponses
{
    public static ServiceNowResponseInfo InfoOf(HttpResponseMessage response, TimeSpan elapsed) => new(
        (int)response.StatusCode,
        response.Headers.Date,
        LongHeader(response, "X-Total-Count"),
        RateLimitOf(response),
        elapsed);

    /// <summary>The <c>result</c> element, or null when the body is not the documented envelope.</summary>
    public static bool TryGetResult(JsonDocument document, JsonValueKind expected, out JsonElement result)
    {
        result = default;
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("result", out result)
            && result.ValueKind == expected;
    }

    public static ImportSetResponse ImportSetOf(JsonElement root)
    {
        var rows = new List<ImportSetRowResult>();
        if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in result.EnumerateArray())
            {
                rows.Add(new ImportSetRowResult(
                    Text(row, "transform_map") ?? string.Empty,
                    Text(row, "table") ?? string.Empty,
                    StatusOf(Text(row, "status")),
                    NonEmpty(Text(row, "sys_id")),
                    NonEmpty(Text(row, "display_value")),
                    NonEmpty(Text(row, "status_message")),
                    NonEmpty(Text(row, "error_message"))));
            }
        }

        return new ImportSetResponse(Text(root, "import_set") ?? string.Empty, Text(root, "staging_table") ?? string.Empty, rows);
    }

    private static ImportSetRowStatus StatusOf(string? status) => status?.ToLowerInvariant() switch
    {
        "inserted" => ImportSetRowStatus.Inserted,
        "updated" => ImportSetRowStatus.Updated,
        "ignored" => ImportSetRowStatus.Ignored,
        "skipped" => ImportSetRowStatus.Skipped,
        "error" => ImportSetRowStatus.Error,
        _ => ImportSetRowStatus.Unknown,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static ServiceNowRateLimitInfo? RateLimitOf(HttpResponseMessage response)
    {
        var limit = LongHeader(response, "X-RateLimit-Limit");
        var reset = LongHeader(response, "X-RateLimit-Reset");
        var rule = response.Headers.TryGetValues("X-RateLimit-Rule", out var values) ? values.FirstOrDefault() : null;
        return limit is null && reset is null && rule is null
            ? null
            : new ServiceNowRateLimitInfo(limit, reset is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null, rule);
    }

    private static long? LongHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
