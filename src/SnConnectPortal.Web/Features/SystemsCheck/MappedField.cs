namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>A target field the hub writes, and the longest value it may write there.</summary>
/// <param name="Table">Target table, e.g. incident.</param>
/// <param name="Field">Target column, e.g. short_description.</param>
/// <param name="LongestValue">Characters the hub may send.</param>
public sealed record MappedField(string Table, string Field, int LongestValue)
{
    /// <summary>
    /// What the hub writes to every task table until field mapping (product section 6) is configured per connection:
    /// the summary and text of an event and its correlation id, with the lengths ServiceNow ships by default.
    /// </summary>
    public static IReadOnlyList<MappedField> DefaultsFor(IEnumerable<string> tables) =>
    [
        .. tables.SelectMany(table => new[]
        {
            new MappedField(table, "short_description", 160),
            new MappedField(table, "description", 4000),
            new MappedField(table, "correlation_id", 100),
        }),
    ];
}
