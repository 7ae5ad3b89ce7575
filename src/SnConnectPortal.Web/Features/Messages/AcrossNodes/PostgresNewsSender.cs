using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;

namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// Tells the other portal nodes on the same PostgreSQL database what this node committed: a <c>NOTIFY</c> (through
/// <c>pg_notify</c>) on a connection of its own, after the commit, so the writers only queue the news and their
/// transactions are unchanged. Whatever this node publishes while one notification is on its way goes out together in
/// the next, and after each it waits <see cref="Coalesce"/>: at most one notification per committed batch, and at most
/// 40 a second however many batches commit. The notifying transaction commits asynchronously
/// (<c>synchronous_commit=off</c>: it stores nothing, so it need not wait for a WAL flush).
/// </summary>
public sealed partial class PostgresNewsSender(
    IOptions<DatabaseOptions> options,
    MessageNotifier notifier,
    NodeIdentity node,
    TimeProvider timeProvider,
    ILogger<PostgresNewsSender> logger) : BackgroundService
{
    /// <summary>News published within this time after a notification goes out together in the next (the live view refreshes at most every 250 ms).</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(25);

    private readonly Channel<MessagesCommitted> _news = Channel.CreateUnbounded<MessagesCommitted>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs on the writer's thread: only queue it. News from other nodes is theirs to tell.
        using var subscription = notifier.Subscribe(committed =>
        {
            if (!committed.FromOtherNode)
            {
                _news.Writer.TryWrite(committed);
            }
        });
        var connection = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            ApplicationName = "SnConnectPortal live view (notify)",
            MaxPoolSize = 1,
        };
        connection.Options = $"{connection.Options} -c synchronous_commit=off".TrimStart();
        await using var dataSource = NpgsqlDataSource.Create(connection);
        try
        {
            while (await _news.Reader.WaitToReadAsync(stoppingToken))
            {
                await NotifyAsync(dataSource, TakeAll(), stoppingToken);
                await Task.Delay(Coalesce, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: news not yet sent is dropped with the pages that would have shown it.
        }
    }

    private MessagesCommitted TakeAll()
    {
        var count = 0;
        var anyConnection = false;
        HashSet<long> connectionIds = [];
        while (_news.Reader.TryRead(out var committed))
        {
            count += committed.Count;
            anyConnection |= committed.AnyConnection;
            connectionIds.UnionWith(committed.ConnectionIds);
        }

        return new MessagesCommitted(count, connectionIds) { AnyConnection = anyConnection };
    }

    private async Task NotifyAsync(NpgsqlDataSource dataSource, MessagesCommitted news, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", NodeNewsPayload.Channel);
            command.Parameters.AddWithValue("payload", NodeNewsPayload.Format(node.Name, news));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
#pragma warning disable CA1031 // The rows are committed whatever happens here; other nodes' pages then show them at their next news.
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogNotSent(news.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other portal nodes of {Count} new messages; their open pages show them at the next news")]
    private partial void LogNotSent(int count, Exception exception);
}
