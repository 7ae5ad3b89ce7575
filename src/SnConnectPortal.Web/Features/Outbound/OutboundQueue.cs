using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// The outbox: a record to create in ServiceNow becomes a Queued outbound message, durable once this returns; the
/// delivery worker sends it. The correlation id (the event id) is what makes delivery idempotent.
/// </summary>
public sealed class OutboundQueue(IDbContextFactory<PortalDbContext> dbContextFactory, MessageNotifier notifier, TimeProvider timeProvider)
{
    public async Task<Message> EnqueueAsync(
        long connectionId, string table, string eventName, OutboundPayload record, string correlationId, CancellationToken cancellationToken)
    {
        var message = Queued(connectionId, table, eventName, record, correlationId, timeProvider.GetUtcNow().UtcDateTime);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(new MessagesCommitted(1, [connectionId]));
        return message;
    }

    /// <summary>A new outbound message, due at once, for a caller that stores it (with others) itself.</summary>
    public static Message Queued(long connectionId, string table, string eventName, OutboundPayload record, string correlationId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var payload = record.ToJson();
        return new Message
        {
            ReceivedAt = now,
            ConnectionId = connectionId,
            Direction = MessageDirection.Outbound,
            Status = MessageStatus.Queued,
            TableName = table,
            EventName = eventName,
            CorrelationId = correlationId,
            ResponseId = Guid.CreateVersion7(now).ToString("N"),
            Headers = "{}",
            Payload = payload,
            PayloadBytes = System.Text.Encoding.UTF8.GetByteCount(payload),
            NextAttemptAt = now,
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } queuedIn ? queuedIn.Id : null,
        };
    }
}
