using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Data.RowWriters;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Records;
using SnConnectPortal.Web.Operations.Telemetry;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>
/// Runs one user import to its end: reads sys_user page by page through the client and commits each page together
/// with the run's counts and cursor in one transaction (a fresh DbContext per page), so only one page is ever in
/// memory and a run interrupted at any point continues from its last committed page without duplicates or gaps.
/// The next page is fetched while the current one is written.
/// </summary>
public sealed partial class UserImporter(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IServiceNowClientFactory clientFactory,
    TimeProvider timeProvider,
    IOptions<DirectoryOptions> options,
    PortalMetrics metrics,
    ILogger<UserImporter> logger)
{
    private const string Table = "sys_user";
    private const int MaxRecordedErrors = 5;

    /// <summary>
    /// Continues run <paramref name="runId"/> from its checkpoint. Cancelling <paramref name="cancellationToken"/>
    /// leaves the run Running (a shutdown: it resumes later) unless <paramref name="userCancellation"/> was cancelled,
    /// which marks it Cancelled. A ServiceNow or database failure marks it Failed with the reason.
    /// </summary>
    public async Task<UserImportProgress> RunAsync(
        long runId,
        ServiceNowConnectionSettings settings,
        Action<UserImportProgress>? onProgress,
        CancellationToken userCancellation,
        CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(userCancellation, cancellationToken);
        var token = linked.Token;
        var run = await LoadRunAsync(runId, token);
        var kind = run.Kind;
        var pageSize = Math.Clamp(options.Value.ImportPageSize, 1, ServiceNowConnectionSettings.MaxPageSize);
        var client = clientFactory.Create(settings with { PageSize = pageSize });
        var speed = new Speed(timeProvider, run.ProcessedCount);
        UserImportCursor? cursor = new(run.CursorPhase, run.CursorUpdatedOn, run.CursorSysId, run.CursorOffset);
        if (kind == UserImportKind.Incremental && cursor.UpdatedOn is null)
        {
            cursor = UserImportCursor.StartIncremental(run.Since ?? DateTime.UnixEpoch);
        }

        Task<ServiceNowPage>? next = null;
        try
        {
            if (kind == UserImportKind.Full && run.ProcessedCount + run.ErrorCount == 0)
            {
                await DeferIndexesAsync(token);
            }

            next = FetchAsync(client, kind, cursor, pageSize, token);
            while (next is not null && cursor is not null)
            {
                var page = await next;
                next = null;
                var rows = page.Records.Select(Parse).ToList();
                var lastValid = rows.LastOrDefault(r => r.User is not null)?.User;
                (string, DateTime?)? lastRow = lastValid is null ? null : (lastValid.SysId, lastValid.SysUpdatedOn);
                var following = cursor.Next(kind, lastRow, pageSize, page.Response.TotalCount, page.Records.Count);
                if (following is not null)
                {
                    next = FetchAsync(client, kind, following, pageSize, token);
                }

                run = await CommitPageAsync(run, kind, rows, cursor.CheckpointAfter(kind, lastRow, following), page.Response, token);
                cursor = following;
                onProgress?.Invoke(speed.Progress(run, UserImportStatus.Running));
            }

            run = await CompleteAsync(run, kind, token);
            LogCompleted(logger, run.Id, run.ConnectionId, run.ProcessedCount, run.NewCount, run.UpdatedCount, run.DeactivatedCount);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await ObserveAsync(next);
            if (!userCancellation.IsCancellationRequested)
            {
                // Shutdown or crash-like stop: the run stays Running at its last committed page and resumes later.
                LogInterrupted(logger, run.Id, run.ProcessedCount);
                return speed.Progress(run, UserImportStatus.Running);
            }

            run = await FinishAsync(run.Id, UserImportStatus.Cancelled, "Cancelled by an operator.", CancellationToken.None);
        }
        catch (Exception e) when (e is ServiceNowException or DbUpdateException or InvalidOperationException or HttpRequestException)
        {
            await ObserveAsync(next);
            LogFailed(logger, e, run.Id);
            var reason = e is ServiceNowException sn ? sn.Error.Describe() : e.Message;
            run = await FinishAsync(run.Id, UserImportStatus.Failed, reason, CancellationToken.None);
        }

        var final = speed.Progress(run, run.Status);
        onProgress?.Invoke(final);
        return final;
    }

    private static async Task ObserveAsync(Task<ServiceNowPage>? pending)
    {
        if (pending is null)
        {
            return;
        }

        try
        {
            await pending;
        }
        catch (Exception e) when (e is OperationCanceledException or ServiceNowException or HttpRequestException)
        {
            // The prefetched page is dropped: the checkpoint is before it.
        }
    }

    /// <summary>
    /// A first import into an empty user table (SQLite or PostgreSQL) loads it without the email, user name and name
    /// indexes, which the run's end builds again (<see cref="SecondaryIndexes"/>): inserting a million users in sys_id
    /// order into them costs more than the rest of the import. Until then directory searches still work, by scanning the table. A run
    /// interrupted meanwhile resumes without them and builds them at its end, as a failed or cancelled one does.
    /// </summary>
    private async Task DeferIndexesAsync(CancellationToken token)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(token);
        await SecondaryIndexes.DeferAsync<ServiceNowUser>(db, token);
    }

    private static Task<ServiceNowPage> FetchAsync(IServiceNowClient client, UserImportKind kind, UserImportCursor cursor, int pageSize, CancellationToken token) =>
        client.QueryPageAsync(Table, cursor.Query(kind, pageSize), cursor.Offset, token);

    private async Task<UserImportRun> LoadRunAsync(long runId, CancellationToken token)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(token);
        return await db.UserImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, token)
            ?? throw new InvalidOperationException($"Import run {runId} does not exist.");
    }

    private async Task<UserImportRun> CommitPageAsync(
        UserImportRun snapshot, UserImportKind kind, List<ParsedRow> rows, UserImportCursor cursor, ServiceNowResponseInfo response, CancellationToken token)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(token);
        var run = await db.UserImportRuns.FirstAsync(r => r.Id == snapshot.Id, token);
        var sysIds = rows.Where(r => r.User is not null).Select(r => r.User!.SysId).Distinct().ToList();
        Dictionary<string, ServiceNowUser> existing;
        if (sysIds.Count == 0)
        {
            existing = [];
        }
        else if (kind == UserImportKind.Full)
        {
            // A full run's page is in sys_id order: one index range scan finds the stored rows, however large the table.
            var first = sysIds.Min(StringComparer.Ordinal)!;
            var last = sysIds.Max(StringComparer.Ordinal)!;
            existing = await db.ServiceNowUsers
                .Where(u => u.ConnectionId == run.ConnectionId && string.Compare(u.SysId, first) >= 0 && string.Compare(u.SysId, last) <= 0)
                .ToDictionaryAsync(u => u.SysId, StringComparer.Ordinal, token);
        }
        else
        {
            existing = await db.ServiceNowUsers.Where(u => u.ConnectionId == run.ConnectionId && sysIds.Contains(u.SysId))
                .ToDictionaryAsync(u => u.SysId, StringComparer.Ordinal, token);
        }

        var errors = new List<string>();
        var inserts = new List<ServiceNowUser>();
        var storedSeen = false;
        foreach (var row in rows)
        {
            if (row.User is not { } incoming)
            {
                run.ErrorCount++;
                errors.Add(row.Error!);
                continue;
            }

            run.ProcessedCount++;
            if (!existing.TryGetValue(incoming.SysId, out var stored))
            {
                incoming.ConnectionId = run.ConnectionId;
                incoming.ImportedAt = now;
                incoming.UpdatedAt = now;
                incoming.LastSeenRunId = kind == UserImportKind.Full ? run.Id : null;
                inserts.Add(incoming);
                existing[incoming.SysId] = incoming;
                run.NewCount++;
                continue;
            }

            storedSeen = true;
            var wasActive = stored.Active && stored.MissingSince is null;
            if (CopyChanges(incoming, stored))
            {
                stored.UpdatedAt = now;
                run.UpdatedCount++;
                if (wasActive && !stored.Active)
                {
                    run.DeactivatedCount++;
                }
            }
            else
            {
                run.UnchangedCount++;
            }

        }

        run.ExpectedCount ??= response.TotalCount;
        run.SourceStartedAt ??= (response.ServerDate ?? timeProvider.GetUtcNow()).UtcDateTime;
        run.CursorPhase = cursor.Phase;
        run.CursorUpdatedOn = cursor.UpdatedOn;
        run.CursorSysId = cursor.SysId;
        run.CursorOffset = cursor.Offset;
        run.HeartbeatAt = now;
        if (errors.Count > 0 && (run.Error?.Length ?? 0) < 1000)
        {
            run.Error = DirectoryText.Cut(string.Join(" ", new[] { run.Error }.Concat(errors.Take(MaxRecordedErrors)).Where(e => e is not null)), 2000);
        }

        // New users (every row of a first import) skip EF's change tracking: the provider's row writer (binary COPY on
        // PostgreSQL, a prepared INSERT elsewhere) is several times faster.
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        await db.InsertRowsAsync(inserts, token);
        if (kind == UserImportKind.Full && storedSeen)
        {
            // Every stored user of the page was seen: one statement, where tracking would send an UPDATE per user.
            var first = sysIds.Min(StringComparer.Ordinal)!;
            var last = sysIds.Max(StringComparer.Ordinal)!;
            await db.ServiceNowUsers
                .Where(u => u.ConnectionId == run.ConnectionId && string.Compare(u.SysId, first) >= 0 && string.Compare(u.SysId, last) <= 0
                    && sysIds.Contains(u.SysId))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSeenRunId, run.Id), token);
        }

        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        metrics.UsersImported(run.ConnectionId, sysIds.Count);
        return run;
    }

    /// <summary>Copies what changed; LastSeenRunId and timestamps are the caller's. Returns whether anything changed.</summary>
    private static bool CopyChanges(ServiceNowUser from, ServiceNowUser to)
    {
        var changed = to.UserName != from.UserName || to.Name != from.Name || to.FirstName != from.FirstName ||
            to.LastName != from.LastName || to.Email != from.Email || to.Title != from.Title || to.Department != from.Department ||
            to.Active != from.Active || to.LockedOut != from.LockedOut || to.SysUpdatedOn != from.SysUpdatedOn || to.MissingSince is not null;
        if (!changed)
        {
            return false;
        }

        to.UserName = from.UserName;
        to.Name = from.Name;
        to.FirstName = from.FirstName;
        to.LastName = from.LastName;
        to.Email = from.Email;
        to.Title = from.Title;
        to.Department = from.Department;
        to.Active = from.Active;
        to.LockedOut = from.LockedOut;
        to.SysUpdatedOn = from.SysUpdatedOn;
        to.NormalizedEmail = from.NormalizedEmail;
        to.NormalizedUserName = from.NormalizedUserName;
        to.NormalizedName = from.NormalizedName;
        to.MissingSince = null;
        return true;
    }

    private async Task<UserImportRun> CompleteAsync(UserImportRun snapshot, UserImportKind kind, CancellationToken token)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(token);
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        await SecondaryIndexes.RestoreAsync<ServiceNowUser>(db, token);
        var run = await db.UserImportRuns.FirstAsync(r => r.Id == snapshot.Id, token);
        if (kind == UserImportKind.Full)
        {
            // Every user this full run did not see is gone from the instance (or hidden from the integration user).
            var runId = run.Id;
            var missing = await db.ServiceNowUsers
                .Where(u => u.ConnectionId == run.ConnectionId && u.MissingSince == null && (u.LastSeenRunId == null || u.LastSeenRunId != runId))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.MissingSince, now).SetProperty(u => u.UpdatedAt, now), token);
            run.DeactivatedCount += missing;
        }

        var started = run.SourceStartedAt ?? run.StartedAt;
        run.HighWaterMark = started - options.Value.IncrementalOverlap;
        run.Status = UserImportStatus.Completed;
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        return run;
    }

    private async Task<UserImportRun> FinishAsync(long runId, UserImportStatus status, string reason, CancellationToken token)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(token);
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        await SecondaryIndexes.RestoreAsync<ServiceNowUser>(db, token);
        var run = await db.UserImportRuns.FirstAsync(r => r.Id == runId, token);
        run.Status = status;
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        run.Error = DirectoryText.Cut(run.Error is null ? reason : reason + " " + run.Error, 2000);
        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        return run;
    }

    private static ParsedRow Parse(ServiceNowRecord record)
    {
        var sysId = record.SysId.Trim();
        if (sysId.Length is 0 or > 32)
        {
            return new ParsedRow(null, $"A sys_user row without a usable sys_id ('{DirectoryText.Cut(sysId, 40)}') was skipped.");
        }

        var user = SysUserRecord.From(record);
        return new ParsedRow(new ServiceNowUser
        {
            SysId = sysId,
            UserName = DirectoryText.Cut(user.UserName, 255),
            Name = DirectoryText.Cut(user.Name, 255),
            FirstName = DirectoryText.Cut(user.FirstName, 100),
            LastName = DirectoryText.Cut(user.LastName, 100),
            Email = DirectoryText.Cut(user.Email.Trim(), 255),
            Title = DirectoryText.Cut(user.Title, 255),
            Department = DirectoryText.Cut(record[UserImportCursor.DepartmentName], 255),
            Active = user.Active,
            LockedOut = user.LockedOut,
            NormalizedEmail = DirectoryText.Cut(DirectoryText.Key(user.Email), 255),
            NormalizedUserName = DirectoryText.Cut(DirectoryText.Key(user.UserName), 255),
            NormalizedName = DirectoryText.Cut(DirectoryText.NameKey(NameOf(user)), 255),
            SysUpdatedOn = UserImportCursor.ParseGlide(record["sys_updated_on"]),
        }, null);
    }

    private static string NameOf(SysUserRecord user) =>
        user.Name.Length > 0 ? user.Name : $"{user.FirstName} {user.LastName}";

    private sealed record ParsedRow(ServiceNowUser? User, string? Error);

    /// <summary>Users per second since this worker took the run over, and the time left at that rate.</summary>
    private sealed class Speed(TimeProvider timeProvider, long processedAtStart)
    {
        private readonly long _startedAt = timeProvider.GetTimestamp();

        public UserImportProgress Progress(UserImportRun run, UserImportStatus status)
        {
            var seconds = timeProvider.GetElapsedTime(_startedAt).TotalSeconds;
            var done = run.ProcessedCount + run.ErrorCount - processedAtStart;
            var rate = seconds > 0 ? done / seconds : 0;
            TimeSpan? remaining = run.ExpectedCount is { } expected && rate > 0 && status == UserImportStatus.Running
                ? TimeSpan.FromSeconds(Math.Max(0, expected - run.ProcessedCount - run.ErrorCount) / rate)
                : null;
            return new UserImportProgress(run.Id, run.ConnectionId, run.Kind, status, run.ProcessedCount,
                run.ExpectedCount, run.NewCount, run.UpdatedCount, run.DeactivatedCount, run.ErrorCount, rate, remaining,
                status == UserImportStatus.Completed ? null : run.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User import run {RunId} of connection {ConnectionId} completed: {Processed} users, {New} new, {Updated} updated, {Deactivated} deactivated")]
    private static partial void LogCompleted(ILogger logger, long runId, long connectionId, long processed, long @new, long updated, long deactivated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User import run {RunId} was interrupted after {Processed} users; it resumes from its last committed page")]
    private static partial void LogInterrupted(ILogger logger, long runId, long processed);

    [LoggerMessage(Level = LogLevel.Error, Message = "User import run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long runId);
}
