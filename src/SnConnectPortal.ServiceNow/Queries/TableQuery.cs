namespace SnConnectPortal.ServiceNow.Queries;

/// <summary>What to read from a table: filter, columns and paging. Immutable; use <c>with</c> to vary it.</summary>
public sealed record TableQuery
{
    public static TableQuery All { get; } = new();

    /// <summary>The encoded query (sysparm_query); null reads every row.</summary>
    public EncodedQuery? Query { get; init; }

    /// <summary>The columns to return (sysparm_fields); null returns all.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Rows per page; null uses the connection's page size.</summary>
    public int? PageSize { get; init; }

    /// <summary>sysparm_display_value=true: choice labels and reference names instead of stored values.</summary>
    public bool DisplayValues { get; init; }
}
