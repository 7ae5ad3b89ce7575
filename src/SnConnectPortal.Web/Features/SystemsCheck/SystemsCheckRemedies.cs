using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// What to change, written for the administrator of the ServiceNow instance, in the words of the vendors' set-up
/// guides: User Administration &gt; Users, roles itil and import_transformer, "Web service access only", System OAuth &gt;
/// Application Registry, Access Control (ACL) records on task.
/// </summary>
public static class SystemsCheckRemedies
{
    public const string UserForm =
        "In ServiceNow open User Administration > Users and the integration user";

    public static string AccountCannotSignIn(string user) =>
        $"{UserForm} '{user}': check that Active is checked and that Locked out and Password needs reset are cleared " +
        "(ServiceNow answers 401 for each of these, exactly as for a wrong password). If they are, set a new password " +
        "with Set Password > Generate, copy it, click Update, and enter it in this connection's credentials.";

    public static string OAuthClient(string? clientId) =>
        $"In ServiceNow open System OAuth > Application Registry and find the entry whose Client ID is '{clientId}'. If " +
        "there is none, click New > Create an OAuth API endpoint for external clients, save it, and enter its Client ID " +
        "and Client Secret (click the lock beside Client Secret to see it) in this connection. If it exists, check it " +
        "is Active and that the Client Secret matches.";

    public const string PasswordGrantDisabled =
        "If the system property glide.oauth.inbound.ropc.grant_type.disabled is true, the password grant is switched " +
        "off on this instance: use the refresh token or client credentials mode instead.";

    public const string RefreshTokenExpired =
        "The refresh token has expired or was revoked: ServiceNow keeps one for the Refresh Token Lifespan of its System " +
        "OAuth > Application Registry entry (100 days by default). Get a new one by POSTing grant_type=password, " +
        "client_id, client_secret, username and password (x-www-form-urlencoded) to https://<instance>/oauth_token.do, " +
        "copy refresh_token from the answer into this connection, and consider a longer Refresh Token Lifespan.";

    public const string ClientCredentials =
        "Client credentials need the system property glide.oauth.inbound.client.credential.grant_type.enabled = true " +
        "(Washington DC or later) and, on the System OAuth > Application Registry entry, an OAuth Application User: the " +
        "user every call runs as, which needs the roles below.";

    public static string RoleForTable(string table, string user) => table switch
    {
        "incident" or "problem" or "change_request" or "sc_task" or "task" =>
            $"{UserForm} '{user}', Roles tab > Edit…, and add itil (or incident_manager). Without a role, elevate to " +
            $"security_admin and add an Access Control (ACL) under System Security: Type record, Operation read, Name " +
            $"{table} (or task, which {table} extends), for a role the user has; repeat for create and write.",
        "sys_user" or "sys_user_group" =>
            $"The user must read users and groups: {UserForm} '{user}', Roles tab > Edit…, and add sn_cmdb_user (or itil), " +
            $"or add a read Access Control (ACL) on {table} for a role the user has.",
        "sys_attachment" =>
            $"The user must also have access to sys_attachment (no single role grants it): add a read Access Control (ACL) " +
            $"on sys_attachment for a role '{user}' has, and make sure the user can read the records the attachments hang on.",
        _ => $"Give '{user}' a role that may read {table}, or add a read Access Control (ACL) on {table} for a role it has.",
    };

    public static string RateLimit(string user) =>
        $"A REST API rate limit rule refused calls for '{user}'. In ServiceNow open System Web Services > REST API Rate " +
        "Limits (table sys_rate_limit_rules): raise the hourly limit of the rule that matches the integration user (its " +
        "sys_id is in X-RateLimit-Rule), or add a rule for that single user, which beats role and all-users rules. " +
        "Otherwise set this connection's outbound rate limit (on its page) below the hourly limit.";

    public static string Timeout(TimeSpan bound) =>
        $"ServiceNow did not answer within {bound.TotalSeconds:0.#} s. A personal developer instance hibernates when idle " +
        "(wake it at developer.servicenow.com); otherwise the instance is overloaded or under maintenance, or a proxy or " +
        "firewall holds the request. Open the instance in a browser from this server's network, then run the check again.";

    /// <summary>The remedy for a failed ServiceNow call inside a step, in the check's words where it has better ones.</summary>
    public static string For(ServiceNowError error, SystemsCheckContext context, string? table = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Identity;
        return error.Kind switch
        {
            ServiceNowErrorKind.Unauthorized => context.Settings.AuthMode switch
            {
                ServiceNowAuthMode.Basic => AccountCannotSignIn(user),
                ServiceNowAuthMode.OAuthPassword => $"{OAuthClient(context.Settings.ClientId)} {AccountCannotSignIn(user)} {PasswordGrantDisabled}",
                ServiceNowAuthMode.OAuthRefreshToken => $"{RefreshTokenExpired} {OAuthClient(context.Settings.ClientId)}",
                _ => $"{OAuthClient(context.Settings.ClientId)} {ClientCredentials}",
            },
            ServiceNowErrorKind.Forbidden or ServiceNowErrorKind.NotFound when table is not null => RoleForTable(table, user),
            ServiceNowErrorKind.RateLimited => RateLimit(user),
            ServiceNowErrorKind.Timeout => Timeout(context.Options.StepTimeout),
            _ => error.Remedy,
        };
    }

    /// <summary>What ServiceNow answered, without the client's own remedy: status, message, detail, request.</summary>
    public static string Describe(ServiceNowError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.StatusCode is { } code ? $"HTTP {code}" : error.Kind.ToString();
        var says = (error.Message, error.Detail) switch
        {
            (null, null) => "",
            (_, null) => $" \"{error.Message}\"",
            (null, _) => $" \"{error.Detail}\"",
            _ => $" \"{error.Message}\" ({error.Detail})",
        };
        var request = error.Request is null ? "" : $" on {error.Request}";
        return $"{status}{says}{request}";
    }
}
