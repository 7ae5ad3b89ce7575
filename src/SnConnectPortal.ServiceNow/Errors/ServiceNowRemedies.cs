namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>
/// Remedy hints in plain words for the administrator who set up the connection, written from the ServiceNow REST
/// facts (SERVICENOW-API.md) and the vendor set-up guides (integration user with roles itil and import_transformer,
/// "Web service access only", OAuth Application Registry, ACLs).
/// </summary>
internal static class ServiceNowRemedies
{
    private const string UserRecordChecks =
        "In ServiceNow open User Administration > Users, find the integration user and check that it is Active, not " +
        "Locked out, and that Password needs reset is cleared (a user marked Web service access only can still use the REST API).";

    public static string For(ServiceNowErrorKind kind, ServiceNowCallContext context, ServiceNowErrorBody body) => kind switch
    {
        ServiceNowErrorKind.Unauthorized => Unauthorized(context),
        ServiceNowErrorKind.Forbidden => Forbidden(context, body),
        ServiceNowErrorKind.NotFound =>
            $"The record does not exist, or an ACL hides it from '{context.UserName}': ServiceNow answers 404 for both. " +
            $"Check the sys_id, and that the user can read {TableWords(context)} (a role such as itil, or a read ACL on the table).",
        ServiceNowErrorKind.InvalidTable =>
            $"ServiceNow does not know {TableWords(context)}, or '{context.UserName}' may not read it. Use the table name, not its " +
            "label (incident, sys_user; custom tables start with u_ or x_), check the plugin that provides it is active, and " +
            "that the user has a role that can read it.",
        ServiceNowErrorKind.PayloadTooLarge =>
            "The request body is larger than the instance accepts (system property glide.rest.max_content_length: 10 MB by " +
            "default, 25 MB at most). Send a smaller payload or attachment, or have an administrator raise the property.",
        ServiceNowErrorKind.RateLimited =>
            $"A REST API rate limit rule refused the call for '{context.UserName}' (System Web Services > REST API Rate Limits, " +
            "table sys_rate_limit_rules; limits are per hour and may lag up to 30 seconds). Raise the hourly limit for the " +
            "integration user, or lower this connection's request rate in the portal.",
        ServiceNowErrorKind.ServerError =>
            "The instance failed or is unavailable (maintenance, upgrade or a node restart); the portal retried with back-off. " +
            "If it persists, check the instance's status and its system logs for the failing request.",
        ServiceNowErrorKind.Timeout =>
            $"ServiceNow did not answer within {TimeoutWords(context)}. The instance may be overloaded or asleep (personal " +
            "developer instances hibernate when idle), or the query may be slow on a large table: lower the page size, filter " +
            "on an indexed field, or raise the per-call timeout.",
        ServiceNowErrorKind.Tls =>
            "The secure (TLS) connection failed: this server does not trust the instance's certificate, it has expired, or it " +
            "names a different host. If a proxy inspects outbound HTTPS, install its root certificate on this server; check " +
            "the instance URL uses the instance's own host name.",
        ServiceNowErrorKind.Dns =>
            "The instance's host name does not resolve. Check the spelling of the instance URL (e.g. https://acme.service-now.com) " +
            "and this server's DNS and proxy settings.",
        ServiceNowErrorKind.Connection =>
            "The connection to the instance was refused, reset or dropped. Check that firewalls and proxies allow outbound " +
            "HTTPS from this server to the instance, and that the URL's port is right.",
        ServiceNowErrorKind.BlockedDestination =>
            "The portal does not call loopback, private, link-local or reserved addresses, so that a connection cannot be " +
            "used to reach this server or its internal network. Use the instance's public address; if the instance really " +
            "is on a private network, an administrator adds its host to the setting Connections:AllowedPrivateHosts.",
        ServiceNowErrorKind.InvalidResponse =>
            "The instance answered with something other than the REST API's JSON, often a sign-in or SSO page, a proxy's " +
            "error page or a hibernating instance's wake-up page. Check that the URL is the instance root " +
            "(https://acme.service-now.com/), not a portal or SSO address.",
        ServiceNowErrorKind.BadRequest =>
            "ServiceNow rejected the request as malformed. Check the field names and values sent; the detail above is " +
            "ServiceNow's own explanation.",
        _ => "ServiceNow answered with a status the portal does not expect; the detail above is ServiceNow's own explanation.",
    };

    /// <summary>The OAuth refresh-token grant was refused: the configured token expired or was revoked.</summary>
    public static string RefreshTokenRejected =>
        "The refresh token was rejected: it has expired (Refresh Token Lifespan on the System OAuth > Application Registry " +
        "entry, 100 days by default) or was revoked. Request a new refresh token from /oauth_token.do with a password grant " +
        "for the integration user and enter it in this connection, or switch the connection to the OAuth password grant.";

    private static string Unauthorized(ServiceNowCallContext context) => context.AuthMode switch
    {
        ServiceNowAuthMode.Basic =>
            $"ServiceNow did not accept user '{context.UserName}' with this password. Check both in the connection. {UserRecordChecks} " +
            "Basic authentication works only for local ServiceNow accounts with a password, not SSO-only accounts.",
        ServiceNowAuthMode.OAuthPassword =>
            $"ServiceNow did not grant a token to user '{context.UserName}'. Check the client id and secret against the entry " +
            "in System OAuth > Application Registry (an OAuth API endpoint for external clients), and the user name and " +
            $"password. {UserRecordChecks} If the instance sets glide.oauth.inbound.ropc.grant_type.disabled = true, the " +
            "password grant is switched off: use a refresh token or client credentials instead.",
        ServiceNowAuthMode.OAuthRefreshToken =>
            "ServiceNow did not accept the client id, client secret or refresh token. Check the client id and secret " +
            "against System OAuth > Application Registry. " + RefreshTokenRejected,
        _ =>
            "ServiceNow did not grant a client-credentials token. Check the client id and secret against System OAuth > " +
            "Application Registry, that the system property glide.oauth.inbound.client.credential.grant_type.enabled is " +
            "true, and that the registry entry names an OAuth Application User (the user the calls run as).",
    };

    private static string Forbidden(ServiceNowCallContext context, ServiceNowErrorBody body)
    {
        var apiAcl = (body.Detail ?? body.Message ?? string.Empty).Contains("API level ACL", StringComparison.OrdinalIgnoreCase)
            ? " 'Failed API level ACL Validation' means the user may not call this REST API at all: check the REST endpoint ACLs " +
              "(System Web Services > REST API Access Policies / ACLs of type REST_Endpoint)."
            : string.Empty;
        return $"An ACL, business rule or data policy refused {context.Method} on {TableWords(context)} for '{context.UserName}'. " +
            "Give the integration user the role the table needs (itil for incidents and tasks, import_transformer for import " +
            "sets, admin rights for sys_user writes) or an ACL allowing the operation (System Security > Access Control)." + apiAcl;
    }

    private static string TableWords(ServiceNowCallContext context) =>
        context.Table is null ? "this resource" : $"table '{context.Table}'";

    private static string TimeoutWords(ServiceNowCallContext context) =>
        context.Timeout is { } timeout ? $"{timeout.TotalSeconds:0.#} seconds" : "the configured time";
}
