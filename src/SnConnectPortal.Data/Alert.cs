namespace SnConnectPortal.Data;

/// <summary>
/// One incident: a condition (<see cref="Kind"/>) that became true for a connection, until it ended. At most one open
/// alert per connection and kind, so a condition that stays true is announced once, and its end once.
/// </summary>
public class Alert
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public required AlertKind Kind { get; set; }

    /// <summary>What was seen when it opened, for an administrator; never a secret.</summary>
    public required string Detail { get; set; }

    public DateTime OpenedAt { get; set; }

    /// <summary>When the condition ended; null while the alert is open.</summary>
    public DateTime? ResolvedAt { get; set; }

    /// <summary>What was seen when it ended.</summary>
    public string? ResolvedDetail { get; set; }

    /// <summary>
    /// When its last notice (opened, or resolved once <see cref="ResolvedAt"/> is set) went out; a notice is due while
    /// this is null, or older than <see cref="ResolvedAt"/>.
    /// </summary>
    public DateTime? LastNotifiedAt { get; set; }
}
