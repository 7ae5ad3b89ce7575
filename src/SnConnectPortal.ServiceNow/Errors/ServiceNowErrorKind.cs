namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>What went wrong talking to ServiceNow, in the terms an administrator acts on.</summary>
public enum ServiceNowErrorKind
{
    /// <summary>400 other than an unknown table, or 405/406/415: the request itself is wrong.</summary>
    BadRequest,

    /// <summary>401: the credentials, token or account were rejected.</summary>
    Unauthorized,

    /// <summary>403: an ACL, business rule or data policy refused the operation.</summary>
    Forbidden,

    /// <summary>404: the record does not exist or an ACL hides it (ServiceNow does not say which).</summary>
    NotFound,

    /// <summary>400 "Invalid table": the table does not exist or the user cannot see it.</summary>
    InvalidTable,

    /// <summary>413: the request body is over glide.rest.max_content_length.</summary>
    PayloadTooLarge,

    /// <summary>429: a REST API rate limit rule refused the call.</summary>
    RateLimited,

    /// <summary>5xx: the instance failed or is unavailable.</summary>
    ServerError,

    /// <summary>No answer within the per-call timeout or the overall deadline.</summary>
    Timeout,

    /// <summary>The TLS handshake failed (certificate, protocol or proxy interception).</summary>
    Tls,

    /// <summary>The instance host name does not resolve.</summary>
    Dns,

    /// <summary>The TCP connection was refused, reset or dropped.</summary>
    Connection,

    /// <summary>The portal refused to connect: the host is, or resolves to, a loopback, private or reserved address.</summary>
    BlockedDestination,

    /// <summary>ServiceNow answered, but not with what the API documents (e.g. a login page instead of JSON).</summary>
    InvalidResponse,

    /// <summary>Any other HTTP status.</summary>
    Unexpected,
}
