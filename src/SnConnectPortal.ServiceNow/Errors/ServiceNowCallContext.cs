namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>What the client was doing when a call failed; shapes the remedy text. Holds no secrets.</summary>
/// <param name="AuthMode">How the connection signs in.</param>
/// <param name="UserName">The integration user, or the OAuth client id when there is no user.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path without the query string.</param>
/// <param name="Table">The table the call is about, when there is one.</param>
/// <param name="Timeout">The bound that ran out, for timeouts.</param>
public sealed record ServiceNowCallContext(
    ServiceNowAuthMode AuthMode,
    string? UserName,
    string Method,
    string Path,
    string? Table = null,
    TimeSpan? Timeout = null)
{
    public string Request => $"{Method} {Path}";
}
