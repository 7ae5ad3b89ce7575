namespace SnConnectPortal.Data;

/// <summary>How one delivery attempt ended (<see cref="MessageAttempt.Outcome"/>). Stored by name.</summary>
public enum AttemptOutcome
{
    /// <summary>ServiceNow created the record (or, for an update, patched it).</summary>
    Delivered,

    /// <summary>An earlier, uncertain attempt had created the record: found by correlation_id, not created again.</summary>
    Found,

    /// <summary>429: ServiceNow did not process it; retried after Retry-After.</summary>
    RateLimited,

    /// <summary>5xx, timeout or dropped connection: the record may exist, so the next attempt looks it up first.</summary>
    Uncertain,

    /// <summary>ServiceNow refused the record (400, 403 ...): retrying cannot help.</summary>
    Rejected,

    /// <summary>A user field names a hub user the mapping cannot resolve: nothing was sent; map the user, then retry.</summary>
    Unresolved,

    /// <summary>The portal could not attempt it (connection disabled or deleted, unusable settings or payload).</summary>
    Failed,

    /// <summary>The portal stopped during the attempt: the record may exist, so the next attempt looks it up first.</summary>
    Interrupted,

    /// <summary>An update whose record does not exist yet (its create is not delivered): nothing was sent; tried again later.</summary>
    AwaitingRecord,
}
