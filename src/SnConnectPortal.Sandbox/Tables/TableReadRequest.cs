using System.Globalization;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>The <c>sysparm_*</c> parameters of a Table API read (SERVICENOW-API.md section 1, "Query parameters").</summary>
internal sealed record TableReadRequest(
    DisplayValueMode DisplayValue,
    bool ExcludeReferenceLink,
    IReadOnlyList<string>? Fields,
    int Limit,
    int Offset,
    string? Query,
    bool SuppressPaginationHeader,
    bool NoCount,
    IReadOnlyList<KeyValuePair<string, string>> PlainFilters)
{
    public const int DefaultLimit = 10_000;

    public static TableReadRequest Parse(IQueryCollection query, int defaultLimit = DefaultLimit)
    {
        var plain = query
            .Where(p => !p.Key.StartsWith("sysparm_", StringComparison.Ordinal))
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .ToList();
        var fields = query["sysparm_fields"].ToString();
        return new TableReadRequest(
            query["sysparm_display_value"].ToString().ToLowerInvariant() switch
            {
                "true" => DisplayValueMode.Display,
                "all" => DisplayValueMode.All,
                _ => DisplayValueMode.Value,
            },
            IsTrue(query["sysparm_exclude_reference_link"]),
            fields.Length == 0 ? null : fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            ParseInt(query["sysparm_limit"], defaultLimit, minimum: 1),
            ParseInt(query["sysparm_offset"], 0, minimum: 0),
            query["sysparm_query"].ToString() is { Length: > 0 } q ? q : null,
            IsTrue(query["sysparm_suppress_pagination_header"]),
            IsTrue(query["sysparm_no_count"]),
            plain);
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static int ParseInt(string? value, int fallback, int minimum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? Math.Max(minimum, parsed)
            : fallback;
}
