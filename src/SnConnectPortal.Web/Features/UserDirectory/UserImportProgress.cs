using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.UserDirectory;

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
