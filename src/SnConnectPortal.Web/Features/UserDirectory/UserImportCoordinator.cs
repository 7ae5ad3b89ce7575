using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Auditing;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>The import now going: its run, and whether it continues an interrupted one.</summary>
public sealed record StartedImport(long RunId, bool Resumed);

/// <summary>
/// Starts, cancels and resumes user imports, one at a time per connection, in the background, and tells open pages
/// about progress. A singleton; every run is recorded in the database, so a run interrupted by a crash or a shutdown
/// is found again (its heartbeat stops) and continued from its last committed page.
/// </summary>
public sealed partial class UserImportCoordinator(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IConnectionSettingsSource settingsSource,
    UserImporter importer,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<DirectoryOptions> options,
    IHostApplicationLifetime lifetime,
    MappingVersion mappingVersion,
    ILogger<UserImportCoordinator> logger)
{
    private const string EntityType = "UserImport";
    private readonly ConcurrentDictionary<long, ActiveImport> _active = new();
    private readonly ConcurrentDictionary<long, UserImportProgress> _latest = new();

    /// <summary>Raised on a worker thread after every committed page and when a run ends.</summary>
    public event Action<UserImportProgress>? ProgressChanged;

    public UserImportProgress? LatestProgress(long connectionId) => _latest.GetValueOrDefault(connectionId);

    public bool IsRunning(long connectionId) => _active.ContainsKey(connectionId);

    /// <summary>Starts an import of the connection's users, or continues its interrupted one. Admins and Operators.</summary>
    public async Task<ServiceResult<StartedImport>> StartAsync(ClaimsPrincipal actor, long connectionId, UserImportKind kind, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return ServiceResult<StartedImport>.Forbidden(DirectoryRoles.NotAllowed);
        }

        return await StartCoreAsync(DirectoryRoles.NameOf(actor), connectionId, kind, cancellationToken);
    }

    /// <summary>Asks the connection's running import to stop after its current page. Admins and Operators.</summary>
    public async Task<string?> CancelAsync(ClaimsPrincipal actor, long connectionId, CancellationToken cancellationToken)
    {
        if (!DirectoryRoles.CanChange(actor))
        {
            return DirectoryRoles.NotAllowed;
        }

        if (!_active.TryGetValue(connectionId, out var active))
        {
            return "No import is running for this connection.";
        }

        await active.UserCancellation.CancelAsync();
        await auditLog.WriteAsync(DirectoryRoles.NameOf(actor), "userimport.cancelled", EntityType, active.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { connectionId }, cancellationToken);
        return null;
    }

    /// <summary>Waits for the connection's running import to end (tests, shutdown).</summary>
    public Task WhenIdleAsync(long connectionId) => _active.TryGetValue(connectionId, out var active) ? active.Completion : Task.CompletedTask;

    internal async Task<ServiceResult<StartedImport>> StartCoreAsync(string actorName, long connectionId, UserImportKind kind, CancellationToken cancellationToken)
    {
        if (_active.ContainsKey(connectionId))
        {
            return ServiceResult<StartedImport>.Conflict("An import of this connection's users is already running.");
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Connections.AnyAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken))
        {
            return ServiceResult<StartedImport>.NotFound("That connection no longer exists.");
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var staleBefore = now - options.Value.InterruptedAfter;
        var interrupted = await db.UserImportRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Status == UserImportStatus.Running)
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (interrupted is not null)
        {
            if (interrupted.HeartbeatAt > staleBefore)
            {
                return ServiceResult<StartedImport>.Conflict("An import of this connection's users is already running on another portal node.");
            }

            return await ResumeAsync(actorName, interrupted.Id, connectionId, staleBefore, cancellationToken);
        }

        DateTime? since = null;
        if (kind == UserImportKind.Incremental)
        {
            since = await db.UserImportRuns.AsNoTracking()
                .Where(r => r.ConnectionId == connectionId && r.Status == UserImportStatus.Completed && r.HighWaterMark != null)
                .OrderByDescending(r => r.Id)
                .Select(r => r.HighWaterMark)
                .FirstOrDefaultAsync(cancellationToken);
            if (since is null)
            {
                // Nothing imported yet: an incremental import has nothing to start from.
                kind = UserImportKind.Full;
            }
        }

        var run = new UserImportRun
        {
            ConnectionId = connectionId,
            Kind = kind,
            Status = UserImportStatus.Running,
            StartedBy = actorName,
            StartedAt = now,
            HeartbeatAt = now,
            Since = since,
            CursorPhase = UserImportCursor.After,
            CursorUpdatedOn = since,
        };
        db.UserImportRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await auditLog.WriteAsync(actorName, "userimport.started", EntityType, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { connectionId, kind = run.Kind, since }, cancellationToken);
        return Launch(run.Id, connectionId, resumed: false);
    }

    /// <summary>Continues every Running run whose worker stopped (no committed page for <see cref="DirectoryOptions.InterruptedAfter"/>).</summary>
    internal async Task<int> ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        var staleBefore = timeProvider.GetUtcNow().UtcDateTime - options.Value.InterruptedAfter;
        List<(long Id, long ConnectionId)> stale;
        await using (var db = await dbContextFactory.CreateDbContextAsync(cancellationToken))
        {
            stale = (await db.UserImportRuns.AsNoTracking()
                .Where(r => r.Status == UserImportStatus.Running && r.HeartbeatAt < staleBefore)
                .Select(r => new { r.Id, r.ConnectionId })
                .ToListAsync(cancellationToken)).Select(r => (r.Id, r.ConnectionId)).ToList();
        }

        var resumed = 0;
        foreach (var (id, connectionId) in stale)
        {
            if (!_active.ContainsKey(connectionId) && (await ResumeAsync("resume", id, connectionId, staleBefore, cancellationToken)).Succeeded)
            {
                resumed++;
            }
        }

        return resumed;
    }

    private async Task<ServiceResult<StartedImport>> ResumeAsync(string actorName, long runId, long connectionId, DateTime staleBefore, CancellationToken cancellationToken)
    {
        // Claim the run atomically, so that of several portal nodes only one continues it.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.UserImportRuns
            .Where(r => r.Id == runId && r.Status == UserImportStatus.Running && r.HeartbeatAt < staleBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), cancellationToken);
        if (claimed == 0)
        {
            return ServiceResult<StartedImport>.Conflict("Another portal node has just taken this import over.");
        }

        await auditLog.WriteAsync(actorName, "userimport.resumed", EntityType, runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { connectionId }, cancellationToken);
        return Launch(runId, connectionId, resumed: true);
    }

    private ServiceResult<StartedImport> Launch(long runId, long connectionId, bool resumed)
    {
        var active = new ActiveImport(runId);
        if (!_active.TryAdd(connectionId, active))
        {
            active.UserCancellation.Dispose();
            return ServiceResult<StartedImport>.Conflict("An import of this connection's users is already running.");
        }

        active.Completion = Task.Run(() => ExecuteAsync(active, connectionId));
        return ServiceResult<StartedImport>.Ok(new(runId, resumed));
    }

    private async Task ExecuteAsync(ActiveImport active, long connectionId)
    {
        try
        {
            var settings = await settingsSource.GetSettingsAsync(connectionId, lifetime.ApplicationStopping)
                ?? throw new InvalidOperationException("That connection no longer exists.");
            await importer.RunAsync(active.RunId, settings, progress => Report(active, progress), active.UserCancellation.Token, lifetime.ApplicationStopping);
        }
        catch (InvalidOperationException e)
        {
            await FailAsync(active, e.Message);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Shutting down: the run resumes on the next start.
        }
#pragma warning disable CA1031 // A background worker must record any failure on its run rather than die unobserved.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, e, active.RunId);
            await FailAsync(active, "The import stopped unexpectedly: " + e.Message);
        }
        finally
        {
            _active.TryRemove(KeyValuePair.Create(connectionId, active));
            active.UserCancellation.Dispose();
        }
    }

    private void Report(ActiveImport active, UserImportProgress progress)
    {
        _latest[progress.ConnectionId] = progress;
        if (progress.Status != UserImportStatus.Running)
        {
            // The run has ended: free its connection before telling anyone, so that whoever reacts to the news can
            // start the next import at once.
            _active.TryRemove(KeyValuePair.Create(progress.ConnectionId, active));

            // Users may have become inactive or gone: resolutions cached before this run are stale.
            mappingVersion.Changed();
        }

        ProgressChanged?.Invoke(progress);
    }

    private async Task FailAsync(ActiveImport active, string reason)
    {
        var runId = active.RunId;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(CancellationToken.None);
        await db.UserImportRuns.Where(r => r.Id == runId && r.Status == UserImportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, UserImportStatus.Failed)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, DirectoryText.Cut(reason, 2000)), CancellationToken.None);
        var run = await db.UserImportRuns.AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None);
        Report(active, new UserImportProgress(run.Id, run.ConnectionId, run.Kind, UserImportStatus.Failed,
            run.ProcessedCount, run.ExpectedCount, run.NewCount, run.UpdatedCount, run.DeactivatedCount, run.ErrorCount, 0, null, run.Error));
    }

    private sealed class ActiveImport(long runId)
    {
        public long RunId { get; } = runId;

        public CancellationTokenSource UserCancellation { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "User import run {RunId} stopped unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, long runId);
}
