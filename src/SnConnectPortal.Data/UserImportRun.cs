namespace SnConnectPortal.Data;

/// <summary>
/// One import of a connection's sys_user table, full or incremental, with its counts and the checkpoint of its
/// last committed page, so that a run interrupted by a crash continues where it stopped.
/// </summary>
public class UserImportRun
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public required UserImportKind Kind { get; set; }

    public required UserImportStatus Status { get; set; }

    /// <summary>Who started it: a portal user name, or "schedule".</summary>
    public required string StartedBy { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Last time the worker committed a page or said it is alive; a Running run with an old heartbeat was interrupted.</summary>
    public DateTime HeartbeatAt { get; set; }

    /// <summary>X-Total-Count of the first page: how many users the run expects.</summary>
    public long? ExpectedCount { get; set; }

    public long ProcessedCount { get; set; }

    public long NewCount { get; set; }

    public long UpdatedCount { get; set; }

    public long UnchangedCount { get; set; }

    public long DeactivatedCount { get; set; }

    public long ErrorCount { get; set; }

    /// <summary>Incremental runs read users updated on or after this instant (UTC).</summary>
    public DateTime? Since { get; set; }

    /// <summary>Checkpoint: sys_updated_on of the last committed user (incremental runs).</summary>
    public DateTime? CursorUpdatedOn { get; set; }

    /// <summary>Checkpoint: sys_id of the last committed user.</summary>
    public string? CursorSysId { get; set; }

    /// <summary>Checkpoint: rows to skip after the cursor (pages that ACLs emptied completely).</summary>
    public int CursorOffset { get; set; }

    /// <summary>Checkpoint: the incremental run's phase (0 = rest of the cursor's second, 1 = after it).</summary>
    public int CursorPhase { get; set; }

    /// <summary>The instance's clock when the run began (HTTP Date), the next incremental run's starting point.</summary>
    public DateTime? SourceStartedAt { get; set; }

    /// <summary>Where the next incremental run starts, set when this run completes.</summary>
    public DateTime? HighWaterMark { get; set; }

    /// <summary>Why the run failed, or the first row errors, in words for an administrator.</summary>
    public string? Error { get; set; }
}
