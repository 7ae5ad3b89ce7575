namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>
/// The displayable facts of a failed call, for the Systems Check and the message view.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="StatusCode">The HTTP status, when ServiceNow answered.</param>
/// <param name="Message">ServiceNow's <c>error.message</c> (or the OAuth <c>error</c>), when it sent one.</param>
/// <param name="Detail">ServiceNow's <c>error.detail</c> (or the OAuth <c>error_description</c>), when it sent one.</param>
/// <param name="Remedy">What an administrator should check, in plain words.</param>
public sealed record ServiceNowError(ServiceNowErrorKind Kind, int? StatusCode, string? Message, string? Detail, string Remedy)
{
    /// <summary>How long ServiceNow asked the client to wait (429 Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The method and path (no query string) of the call that failed, when known.</summary>
    public string? Request { get; init; }

    public string Describe()
    {
        var status = StatusCode is { } code ? $" HTTP {code}" : string.Empty;
        var serviceNowSays = (Message, Detail) switch
        {
            (null, null) => string.Empty,
            (_, null) => $": {Message}",
            (null, _) => $": {Detail}",
            _ => $": {Message} ({Detail})",
        };
        var request = Request is null ? string.Empty : $" on {Request}";
        return $"ServiceNow {Kind}{status}{request}{serviceNowSays}. {Remedy}";
    }
}
