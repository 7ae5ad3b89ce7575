using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Coordination;

/// <summary>
/// Says at start which node this is. On SQLite, which serves one node only, it also holds the <c>portal-node</c> lease,
/// renewed every heartbeat, and warns at start when another live node holds it: a second portal on the same file (not
/// when the holder was this machine's portal that was killed a moment ago and is being restarted).
/// When the node stops, it gives up its job leases so that another node takes the jobs over at once.
/// Registered before the jobs, so it stops after them.
/// </summary>
public sealed partial class NodePresence(
    JobLeases leases,
    NodeIdentity node,
    IOptions<DatabaseOptions> database,
    IOptions<CoordinationOptions> options,
    TimeProvider timeProvider,
    ILogger<NodePresence> logger) : BackgroundService
{
    /// <summary>The lease a node on SQLite holds while it runs.</summary>
    public const string SqliteNodeLease = "portal-node";

    private bool IsSqlite => DatabaseProviders.IsSqlite(database.Value.Provider);

    private TimeSpan Term => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(node.Name, database.Value.Provider);
        if (IsSqlite && await leases.TryTakeAsync(SqliteNodeLease, Term, cancellationToken) is { } other && !NodeIdentity.IsGoneFromThisMachine(other))
        {
            LogSecondSqliteNode(node.Name, other);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await leases.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
        {
            // The leases lapse by themselves.
            LogReleaseFailed(e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!IsSqlite)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Heartbeat, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await leases.TryTakeAsync(SqliteNodeLease, Term, stoppingToken);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
                {
                    LogRenewFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal node {Node} starting on {Provider}")]
    private partial void LogStarted(string node, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another portal node, {Other}, is running on this SQLite database (this node is {Node}). " +
        "SQLite serves one node only: run a single node on SQLite, or move to PostgreSQL or SQL Server to run several nodes.")]
    private partial void LogSecondSqliteNode(string node, string other);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node's SQLite presence could not be renewed; it is tried again at the next heartbeat")]
    private partial void LogRenewFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node's job leases could not be released at shutdown; they lapse by themselves")]
    private partial void LogReleaseFailed(Exception exception);
}
