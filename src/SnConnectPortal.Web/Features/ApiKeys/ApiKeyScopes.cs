namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>A scope an API key can be given, and what it allows, in words.</summary>
public sealed record ApiKeyScope(string Name, string Allows);

/// <summary>
/// Every scope an API key can have, in one place: the form offers these and nothing else, and the endpoints' policies
/// name them. Only scopes that some endpoint obeys belong here.
/// </summary>
public static class ApiKeyScopes
{
    public const string MonitorRead = "monitor:read";

    public const string EventsWrite = "events:write";

    public static IReadOnlyList<ApiKeyScope> All { get; } =
    [
        new(MonitorRead, "Run the Systems Check and read its runs, export messages as CSV, read the health details"),
        new(EventsWrite, "Send events to POST /api/events, which the portal delivers to ServiceNow as records"),
    ];

    public static bool IsKnown(string scope) => All.Any(s => s.Name == scope);
}
