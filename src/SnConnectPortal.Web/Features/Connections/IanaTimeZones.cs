namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The IANA time zone ids the wizard offers (from the system's time zone database).</summary>
public static class IanaTimeZones
{
    private static readonly Lazy<IReadOnlyList<string>> Ids = new(Load);

    public static IReadOnlyList<string> All => Ids.Value;

    /// <summary>True for an id in the list, or any other IANA id the system knows (ServiceNow's "US/Pacific" aliases).</summary>
    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && (All.Contains(id, StringComparer.Ordinal)
            || (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId));

    private static IReadOnlyList<string> Load() => TimeZoneInfo.GetSystemTimeZones()
        .Select(zone => zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null)
        .OfType<string>()
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();
}
