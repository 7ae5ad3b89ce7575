using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Data.RowWriters;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Operations.Telemetry;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Group commit: request handlers queue their message and wait; this one writer takes everything waiting (up to
/// <see cref="InboundOptions.WriteBatchSize"/>), inserts it in one transaction, and only after the commit completes
/// each handler's wait with the row id, so no message is acknowledged before it is durable. If a batch fails, each of
/// its messages is written alone, so that a message whose values the database refuses fails by itself (422) and the
/// others are stored. On shutdown it stops taking new messages and writes out what is queued.
/// </summary>
/// <remarks>
/// On SQLite (always in WAL mode) the writer's transactions run with <c>synchronous = NORMAL</c> unless
/// <see cref="InboundOptions.SqliteSynchronousFull"/>: a committed batch survives the process being killed, but
/// the last batches before a power loss or OS crash can roll back; the WAL is synced at each checkpoint instead of
/// each commit, which more than doubles what one writer stores per second (docs/benchmarks.md).
/// </remarks>
public sealed partial class MessageWriter : BackgroundService
{
    private readonly Channel<PendingMessage> _queue;
    private readonly IDbContextFactory<PortalDbContext> _dbContextFactory;
    private readonly MessageNotifier _notifier;
    private readonly PortalMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MessageWriter> _logger;

    private readonly int _batchSize;
    private readonly bool _sqliteSynchronousFull;

    public MessageWriter(
        IDbContextFactory<PortalDbContext> dbContextFactory,
        MessageNotifier notifier,
        PortalMetrics metrics,
        IOptions<InboundOptions> options,
        TimeProvider timeProvider,
        ILogger<MessageWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dbContextFactory = dbContextFactory;
        _notifier = notifier;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _batchSize = options.Value.WriteBatchSize;
        _sqliteSynchronousFull = options.Value.SqliteSynchronousFull;
        _queue = Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Queues the message and returns its row id once committed. Throws <see cref="ChannelClosedException"/> while shutting down.</summary>
    public async Task<long> WriteAsync(PendingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _queue.Writer.WriteAsync(message, cancellationToken);
        return await message.Committed.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingMessage>(_batchSize);
        // Not cancelled by stoppingToken: StopAsync completes the queue and this loop drains it.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _batchSize && _queue.Reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<PendingMessage> batch)
    {
        // One span per batch, linked to the requests whose messages it stores.
        using var activity = PortalTelemetry.Source.StartActivity(
            "inbound.write", ActivityKind.Internal, default(ActivityContext), links: batch.Select(m => new ActivityLink(m.ReceivedIn)));
        activity?.SetTag("sncp.batch.size", batch.Count);
        try
        {
            Complete(batch, await InsertAsync(batch));
            return;
        }
#pragma warning disable CA1031 // Every waiting request must get an answer, whatever the database did.
        catch (Exception e) when (batch.Count > 1)
        {
            LogBatchFailed(batch.Count, e);
        }
        catch (Exception e)
        {
            Fail(batch[0], e);
            return;
        }

        // One message's values may have made the batch fail: write each alone, so that only that one is refused.
        List<PendingMessage> stored = new(batch.Count);
        List<long> ids = new(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                ids.Add((await InsertAsync([batch[i]]))[0]);
                stored.Add(batch[i]);
            }
            catch (Exception e) when (IsRefusedValue(e))
            {
                Fail(batch[i], e);
            }
            catch (Exception e)
            {
                // Not this message's fault (the database is unreachable or failing): the rest get 503 too, at once.
                foreach (var message in batch.Skip(i))
                {
                    Fail(message, e);
                }

                break;
            }
#pragma warning restore CA1031
        }

        Complete(stored, [.. ids]);
    }

    private void Complete(List<PendingMessage> batch, long[] ids)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Committed.TrySetResult(ids[i]);
        }

        foreach (var connection in batch.GroupBy(m => m.ConnectionId))
        {
            _metrics.InboundStored(connection.Key, connection.Count());
        }

        if (batch.Count > 0)
        {
            _notifier.Publish(new MessagesCommitted(batch.Count, batch.Select(m => m.ConnectionId).Distinct().ToArray()));
        }
    }

    /// <summary>422 for a message whose values the database refuses; 503 (retry) for anything else.</summary>
    private void Fail(PendingMessage message, Exception e)
    {
        if (IsRefusedValue(e))
        {
            LogMessageRefused(message.ResponseId, e);
            message.Committed.TrySetException(new MessageRefusedException(
                "The database refused a value of this message; it was not stored, and sending it again will not help.", e));
        }
        else
        {
            LogMessageNotStored(message.ResponseId, e);
            message.Committed.TrySetException(new MessageNotStoredException("The message could not be stored.", e));
        }
    }

    /// <summary>
    /// Whether the database refused the values themselves (PostgreSQL SQLSTATE class 22 data exception or 23 integrity
    /// constraint; SQLite TOOBIG, CONSTRAINT, MISMATCH; text the driver cannot encode) rather than being unavailable.
    /// </summary>
    internal static bool IsRefusedValue(Exception e) => e switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode is 18 or 19 or 20,
        DbException { SqlState: ['2', '2' or '3', ..] } => true,
        System.Text.EncoderFallbackException => true,
        _ when e.InnerException is { } inner => IsRefusedValue(inner),
        _ => false,
    };

    private async Task<long[]> InsertAsync(List<PendingMessage> batch)
    {
        await using var db = await _dbContextFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var relaxSync = !_sqliteSynchronousFull && db.Database.IsSqlite();
        if (relaxSync)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL;");
        }

        try
        {
            return await InsertInTransactionAsync(db, batch);
        }
        finally
        {
            if (relaxSync)
            {
                // Back to SQLite's default before the connection returns to the pool for the rest of the portal.
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL;");
            }
        }
    }

    private async Task<long[]> InsertInTransactionAsync(PortalDbContext db, List<PendingMessage> batch)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = _timeProvider.GetTimestamp();
        var ids = await db.InsertRowsReturningKeysAsync(batch.ConvertAll(message => ToRow(message, now)), CancellationToken.None);
        var attachments = batch
            .SelectMany((message, i) => (message.Metadata.Attachments ?? []).Select(attachment => ToRow(attachment, ids[i])))
            .ToList();
        await db.InsertRowsAsync(attachments, CancellationToken.None);
        await transaction.CommitAsync();
        return ids;
    }

    private Message ToRow(PendingMessage message, long committingTimestamp) => new()
    {
        ReceivedAt = message.ReceivedAt,
        ConnectionId = message.ConnectionId,
        Direction = MessageDirection.Inbound,
        Status = MessageStatus.Received,
        TableName = message.Metadata.Table,
        EventName = message.Metadata.Event,
        RecordSysId = message.Metadata.SysId,
        Number = message.Metadata.Number,
        CorrelationId = message.Metadata.CorrelationId,
        ResponseId = message.ResponseId,
        HttpStatus = StatusCodes.Status202Accepted,
        DurationMs = (int)Math.Min(int.MaxValue, _timeProvider.GetElapsedTime(message.ReceivedTimestamp, committingTimestamp).TotalMilliseconds),
        Headers = message.Headers,
        Payload = message.Payload,
        PayloadBytes = message.PayloadBytes,
        RemoteAddress = message.RemoteAddress,
    };

    private static MessageAttachment ToRow(InboundAttachment attachment, long messageId) => new()
    {
        MessageId = messageId,
        SysId = attachment.SysId,
        FileName = attachment.FileName,
        ContentType = attachment.ContentType,
        DeclaredSizeBytes = attachment.DeclaredSizeBytes,
        Hash = attachment.Hash,
        ContentBytes = attachment.ContentBytes,
        HashMatches = attachment.HashMatches,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store a batch of {Count} inbound messages; writing each alone")]
    private partial void LogBatchFailed(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused inbound message {ResponseId}; its sender gets 422")]
    private partial void LogMessageRefused(string responseId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store inbound message {ResponseId}; its sender gets 503")]
    private partial void LogMessageNotStored(string responseId, Exception exception);
}

/// <summary>The database could not store the message (unavailable, failing); the receiver answers 503 so that the sender retries.</summary>
public sealed class MessageNotStoredException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>The database refused this message's values; the receiver answers 422, since a retry would fail the same way.</summary>
public sealed class MessageRefusedException(string message, Exception innerException) : Exception(message, innerException);
