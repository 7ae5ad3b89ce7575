using System.Diagnostics;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.Web.Connections;

/// <summary>
/// The review step's plain check (until the Systems Check replaces it): sign in with the connection's credentials and
/// read one sys_user row, as the configured user. Bounded: no retries, short timeouts, so a hanging instance answers
/// within seconds.
/// </summary>
public sealed class ConnectivityCheck(IServiceNowClientFactory clients, TimeProvider timeProvider)
{
    private static readonly IReadOnlyList<string> UserColumns = ["sys_id", "user_name"];

    public async Task<ConnectivityCheckResult> RunAsync(ServiceNowConnectionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bounded = settings with
        {
            PerCallTimeout = TimeSpan.FromSeconds(10),
            OverallDeadline = TimeSpan.FromSeconds(15),
            Retry = new ServiceNowRetryLimits { MaxRetryAttempts = 0 },
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            var client = clients.Create(bounded);
            var query = new TableQuery
            {
                Fields = UserColumns,
                PageSize = 1,
                Query = settings.UserName is { Length: > 0 } user ? EncodedQuery.Create().Where("user_name", user) : null,
            };
            var page = await client.QueryPageAsync("sys_user", query, 0, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var who = settings.UserName is { Length: > 0 } name
                ? page.Records.Count > 0 ? $"as {name}, found in sys_user" : $"as {name} (its own sys_user record is not readable: check its roles)"
                : "as the OAuth client's application user";
            return Result(true, $"Connected in {elapsed.TotalMilliseconds:N0} ms: ServiceNow accepted the {AuthModes.Label(settings.AuthMode)} sign-in {who} (HTTP {page.Response.StatusCode}).");
        }
        catch (ServiceNowException exception)
        {
            return Result(false, exception.Error.Describe());
        }
        catch (ArgumentException exception)
        {
            return Result(false, "The connection's settings are incomplete: " + exception.Message);
        }
    }

    private ConnectivityCheckResult Result(bool succeeded, string summary) =>
        new(succeeded, summary, timeProvider.GetUtcNow().UtcDateTime);
}
