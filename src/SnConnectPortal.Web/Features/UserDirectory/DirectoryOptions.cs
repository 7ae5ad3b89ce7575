namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>User import and mapping settings (section <c>Directory</c>).</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>sys_user rows per page, and so per database transaction.</summary>
    public int ImportPageSize { get; set; } = 1_000;

    /// <summary>How often each connection's users are imported incrementally; zero switches the schedule off.</summary>
    public TimeSpan IncrementalImportInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the scheduler looks for due imports and interrupted runs.</summary>
    public TimeSpan SchedulerPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Running run whose worker has not committed a page for this long was interrupted and is resumed.</summary>
    public TimeSpan InterruptedAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Incremental imports start this long before the previous run began on the instance's clock, so that users
    /// changed while a run was reading are read again rather than missed.
    /// </summary>
    public TimeSpan IncrementalOverlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest CSV of hub users accepted, in bytes.</summary>
    public long MaxCsvBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most rows of one CSV of hub users.</summary>
    public int MaxCsvRows { get; set; } = 50_000;

    /// <summary>How long a resolved user stays cached for outbound delivery.</summary>
    public TimeSpan ResolverCacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
