using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Messages;

namespace SnConnectPortal.Web.Inbound;

/// <summary>
/// Group commit: request handlers queue their message and wait; this one writer takes everything waiting (up to
/// <see cref="InboundOptions.WriteBatchSize"/>), inserts it in one transaction, and only after the commit completes
/// each handler's wait with the row id, so no message is acknowledged before it is durable. On shutdown it stops
/// taking new messages and writes out what is queued.
/// </summary>
/// <remarks>
/// On SQLite (always in WAL mode) the writer's transactions run with <c>synchronous = NORMAL</c> unless
/// <see cref="InboundOptions.SqliteSynchronousFull"/>: a committed batch survives the process being killed, but
/// the last batches before a power loss or OS crash can roll back; the WAL is synced at each checkpoint instead of
/// each commit, which more than doubles what one writer stores per second (docs/benchmarks.md).
/// </remarks>
public sealed partial class MessageWriter : BackgroundService
{
    private const string InsertMessageSql = """
        INSERT INTO "Messages" ("ReceivedAt", "ConnectionId", "Direction", "Status", "TableName", "EventName", "RecordSysId",
            "Number", "CorrelationId", "ResponseId", "HttpStatus", "DurationMs", "Headers", "Payload", "PayloadBytes", "RemoteAddress")
        VALUES (@receivedAt, @connectionId, @direction, @status, @tableName, @eventName, @recordSysId,
            @number, @correlationId, @responseId, @httpStatus, @durationMs, @headers, @payload, @payloadBytes, @remoteAddress)
        RETURNING "Id"
        """;

    private const string InsertAttachmentSql = """
        INSERT INTO "MessageAttachments" ("MessageId", "SysId", "FileName", "ContentType", "DeclaredSizeBytes", "Hash", "ContentBytes", "HashMatches")
        VALUES (@messageId, @sysId, @fileName, @contentType, @declaredSizeBytes, @hash, @contentBytes, @hashMatches)
        """;

    private readonly Channel<PendingMessage> _queue;
    private readonly IDbContextFactory<PortalDbContext> _dbContextFactory;
    private readonly MessageNotifier _notifier;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MessageWriter> _logger;
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    private readonly int _batchSize;
    private readonly bool _sqliteSynchronousFull;

    public MessageWriter(
        IDbContextFactory<PortalDbContext> dbContextFactory,
        MessageNotifier notifier,
        IOptions<InboundOptions> options,
        TimeProvider timeProvider,
        ILogger<MessageWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dbContextFactory = dbContextFactory;
        _notifier = notifier;
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
        long[] ids;
        try
        {
            ids = await InsertAsync(batch);
        }
#pragma warning disable CA1031 // Every waiting request must get an answer (503), whatever the database did.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogBatchFailed(batch.Count, e);
            foreach (var message in batch)
            {
                message.Committed.TrySetException(new MessageNotStoredException("The message could not be stored.", e));
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Committed.TrySetResult(ids[i]);
        }

        _notifier.Publish(new MessagesCommitted(batch.Count, batch.Select(m => m.ConnectionId).Distinct().ToArray()));
    }

    private async Task<long[]> InsertAsync(List<PendingMessage> batch)
    {
        await using var db = await _dbContextFactory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var relaxSync = !_sqliteSynchronousFull && db.Database.ProviderName == SqliteProvider;
        if (relaxSync)
        {
            await PragmaAsync(connection, "PRAGMA synchronous = NORMAL;");
        }

        try
        {
            return await InsertInTransactionAsync(connection, batch);
        }
        finally
        {
            if (relaxSync)
            {
                // Back to SQLite's default before the connection returns to the pool for the rest of the portal.
                await PragmaAsync(connection, "PRAGMA synchronous = FULL;");
            }
        }
    }

    private static async Task PragmaAsync(DbConnection connection, string sql)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = sql;
        await pragma.ExecuteNonQueryAsync();
    }

    private async Task<long[]> InsertInTransactionAsync(DbConnection connection, List<PendingMessage> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = InsertMessageSql;
        var p = new MessageParameters(insert);
        DbCommand? attachmentInsert = null;
        var ids = new long[batch.Count];
        var now = _timeProvider.GetTimestamp();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                var metadata = message.Metadata;
                p.ReceivedAt.Value = message.ReceivedAt;
                p.ConnectionId.Value = message.ConnectionId;
                p.Direction.Value = MessageDirections.Inbound;
                p.Status.Value = MessageStatuses.Received;
                p.TableName.Value = (object?)metadata.Table ?? DBNull.Value;
                p.EventName.Value = (object?)metadata.Event ?? DBNull.Value;
                p.RecordSysId.Value = (object?)metadata.SysId ?? DBNull.Value;
                p.Number.Value = (object?)metadata.Number ?? DBNull.Value;
                p.CorrelationId.Value = (object?)metadata.CorrelationId ?? DBNull.Value;
                p.ResponseId.Value = message.ResponseId;
                p.HttpStatus.Value = StatusCodes.Status202Accepted;
                p.DurationMs.Value = (int)Math.Min(int.MaxValue, _timeProvider.GetElapsedTime(message.ReceivedTimestamp, now).TotalMilliseconds);
                p.Headers.Value = message.Headers;
                p.Payload.Value = message.Payload;
                p.PayloadBytes.Value = message.PayloadBytes;
                p.RemoteAddress.Value = (object?)message.RemoteAddress ?? DBNull.Value;
                ids[i] = Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

                if (metadata.Attachments is { Count: > 0 } attachments)
                {
                    attachmentInsert ??= CreateAttachmentInsert(connection, transaction);
                    foreach (var attachment in attachments)
                    {
                        SetAttachment(attachmentInsert, ids[i], attachment);
                        await attachmentInsert.ExecuteNonQueryAsync();
                    }
                }
            }

            await transaction.CommitAsync();
            return ids;
        }
        finally
        {
            if (attachmentInsert is not null)
            {
                await attachmentInsert.DisposeAsync();
            }
        }
    }

    private static DbCommand CreateAttachmentInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertAttachmentSql;
        foreach (var name in new[] { "messageId", "sysId", "fileName", "contentType", "declaredSizeBytes", "hash", "contentBytes", "hashMatches" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void SetAttachment(DbCommand command, long messageId, InboundAttachment attachment)
    {
        var values = new object?[]
        {
            messageId, attachment.SysId, attachment.FileName, attachment.ContentType, attachment.DeclaredSizeBytes,
            attachment.Hash, attachment.ContentBytes, attachment.HashMatches,
        };
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a batch of {Count} inbound messages; their senders get 503")]
    private partial void LogBatchFailed(int count, Exception exception);

    private sealed class MessageParameters
    {
        public MessageParameters(DbCommand command)
        {
            ReceivedAt = Add(command, "receivedAt");
            ConnectionId = Add(command, "connectionId");
            Direction = Add(command, "direction");
            Status = Add(command, "status");
            TableName = Add(command, "tableName");
            EventName = Add(command, "eventName");
            RecordSysId = Add(command, "recordSysId");
            Number = Add(command, "number");
            CorrelationId = Add(command, "correlationId");
            ResponseId = Add(command, "responseId");
            HttpStatus = Add(command, "httpStatus");
            DurationMs = Add(command, "durationMs");
            Headers = Add(command, "headers");
            Payload = Add(command, "payload");
            PayloadBytes = Add(command, "payloadBytes");
            RemoteAddress = Add(command, "remoteAddress");
        }

        public DbParameter ReceivedAt { get; }
        public DbParameter ConnectionId { get; }
        public DbParameter Direction { get; }
        public DbParameter Status { get; }
        public DbParameter TableName { get; }
        public DbParameter EventName { get; }
        public DbParameter RecordSysId { get; }
        public DbParameter Number { get; }
        public DbParameter CorrelationId { get; }
        public DbParameter ResponseId { get; }
        public DbParameter HttpStatus { get; }
        public DbParameter DurationMs { get; }
        public DbParameter Headers { get; }
        public DbParameter Payload { get; }
        public DbParameter PayloadBytes { get; }
        public DbParameter RemoteAddress { get; }

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
            return parameter;
        }
    }
}

/// <summary>The database refused a batch; the receiver answers 503 so that the sender retries.</summary>
public sealed class MessageNotStoredException(string message, Exception innerException) : Exception(message, innerException);
