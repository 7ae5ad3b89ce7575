using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Coordination;

/// <summary>
/// Runs each scheduled job on one portal node at a time, through a lease row per job (<see cref="JobLease"/>). A node
/// takes the lease with one conditional UPDATE (<c>WHERE Name = @job AND (ExpiresAt &lt;= @now OR Holder = @me)</c>), or
/// an INSERT when the row is missing (a unique violation means another node won), so it works alike on SQLite,
/// PostgreSQL and SQL Server. The holder keeps the lease between runs, until one interval plus
/// <see cref="CoordinationOptions.LeaseSeconds"/> after its last renewal, and renews it every
/// <see cref="CoordinationOptions.Heartbeat"/> while a run lasts; so other nodes skip the job while the holder lives,
/// and take it over once a dead holder's lease has lapsed. A stopping node releases its leases.
/// </summary>
public sealed partial class JobLeases(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    NodeIdentity node,
    IOptions<CoordinationOptions> options,
    TimeProvider timeProvider,
    ILogger<JobLeases> logger)
{
    private readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> if this node holds the job's lease or can take it, and returns whether it did.
    /// <paramref name="interval"/> is how often the job's node tries again; the lease lasts that plus
    /// <see cref="CoordinationOptions.LeaseSeconds"/>. Should another node take the lease meanwhile (this one stalled
    /// past its end), the work is cancelled.
    /// </summary>
    public async Task<bool> RunAsync(string job, TimeSpan interval, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var term = interval + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        if (!Noted(job, await TryTakeAsync(job, term, cancellationToken)))
        {
            return false;
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var finished = new CancellationTokenSource();
        var renewing = RenewAsync(job, term, lost, finished.Token);
        try
        {
            await work(lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Another node holds the job now; it carries on from what was stored.
        }
        finally
        {
            await finished.CancelAsync();
            await renewing;
        }

        return true;
    }

    /// <summary>Takes or renews the job's lease for <paramref name="term"/>; returns null when this node holds it, else the node that does.</summary>
    public async Task<string?> TryTakeAsync(string job, TimeSpan term, CancellationToken cancellationToken)
    {
        var me = node.Name;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var until = now + term;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.JobLeases.Where(l => l.Name == job && (l.ExpiresAt <= now || l.Holder == me))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return null;
        }

        if (await HolderAsync(db, job, cancellationToken) is { } holder)
        {
            return holder;
        }

        db.JobLeases.Add(new JobLease { Name = job, Holder = me, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // Another node inserted the row first.
            await using var again = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            return await HolderAsync(again, job, cancellationToken) ?? "another node";
        }
    }

    /// <summary>Gives up every lease this node holds, so that other nodes need not wait for them to lapse.</summary>
    public async Task ReleaseAllAsync(CancellationToken cancellationToken)
    {
        var me = node.Name;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        await db.JobLeases.Where(l => l.Holder == me && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    private static Task<string?> HolderAsync(PortalDbContext db, string job, CancellationToken cancellationToken) =>
        db.JobLeases.AsNoTracking().Where(l => l.Name == job).Select(l => l.Holder).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Renews the lease every heartbeat until the work has finished; cancels it when another node has taken the lease.</summary>
    private async Task RenewAsync(string job, TimeSpan term, CancellationTokenSource lost, CancellationToken finished)
    {
        using var timer = new PeriodicTimer(options.Value.Heartbeat, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(finished))
            {
                try
                {
                    if (!Noted(job, await TryTakeAsync(job, term, finished)))
                    {
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
                {
                    // The lease runs on until it lapses; the next heartbeat tries again.
                    LogRenewFailed(job, e);
                }
            }
        }
        catch (OperationCanceledException) when (finished.IsCancellationRequested)
        {
            // The work has finished.
        }
    }

    /// <summary>Whether this node holds the job, logging when that changes.</summary>
    private bool Noted(string job, string? otherHolder)
    {
        var holds = otherHolder is null;
        if (_held.TryGetValue(job, out var held) ? held != holds : holds)
        {
            if (holds)
            {
                LogTaken(job, node.Name);
            }
            else
            {
                LogLost(job, node.Name, otherHolder!);
            }
        }

        _held[job] = holds;
        return holds;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} now runs the job {Job}")]
    private partial void LogTaken(string job, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} no longer runs the job {Job}: node {Holder} has taken it over")]
    private partial void LogLost(string job, string node, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease of the job {Job} could not be renewed; it is tried again at the next heartbeat")]
    private partial void LogRenewFailed(string job, Exception exception);
}
