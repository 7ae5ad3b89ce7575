namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>A full import reads every sys_user row and marks the ones it no longer finds; an incremental one reads the changed rows.</summary>
public enum UserImportKind
{
    Full,
    Incremental,
}

/// <summary>Where a run stands. Stored by name.</summary>
public enum UserImportStatus
{
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>A run's counts and speed, as the progress bar shows them after each committed page.</summary>
public sealed record UserImportProgress(
    long RunId,
    long ConnectionId,
    UserImportKind Kind,
    UserImportStatus Status,
    long Processed,
    long? Expected,
    long New,
    long Updated,
    long Deactivated,
    long Errors,
    double UsersPerSecond,
    TimeSpan? Remaining,
    string? Error)
{
    /// <summary>0–100, or null while the total is unknown.</summary>
    public double? Percent => Expected is > 0 ? Math.Min(100, 100.0 * Processed / Expected.Value) : null;
}
