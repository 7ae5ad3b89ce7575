namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>How one delivery attempt ended (<c>MessageAttempt.Outcome</c>).</summary>
public static class AttemptOutcomes
{
    /// <summary>ServiceNow created the record.</summary>
    public const string Delivered = "Delivered";

    /// <summary>An earlier, uncertain attempt had created the record: found by correlation_id, not created again.</summary>
    public const string Found = "Found";

    /// <summary>429: ServiceNow did not process it; retried after Retry-After.</summary>
    public const string RateLimited = "RateLimited";

    /// <summary>5xx, timeout or dropped connection: the record may exist, so the next attempt looks it up first.</summary>
    public const string Uncertain = "Uncertain";

    /// <summary>ServiceNow refused the record (400, 403 ...): retrying cannot help.</summary>
    public const string Rejected = "Rejected";

    /// <summary>A user field names a hub user the mapping cannot resolve: nothing was sent; map the user, then retry.</summary>
    public const string Unresolved = "Unresolved";

    /// <summary>The portal could not attempt it (connection disabled or deleted, unusable settings or payload).</summary>
    public const string Failed = "Failed";

    /// <summary>The portal stopped during the attempt: the record may exist, so the next attempt looks it up first.</summary>
    public const string Interrupted = "Interrupted";

    /// <summary>Outcomes after which the record may exist in ServiceNow without the portal knowing its sys_id.</summary>
    public static bool MayHaveCreated(string? outcome) => outcome is Uncertain or Interrupted;
}
