using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.FieldMapping;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>Who sent a request's events, as recorded on each message it stores.</summary>
/// <param name="Headers">The request headers as JSON, credentials redacted.</param>
public sealed record EventSender(string Headers, string? RemoteAddress);

/// <summary>
/// Turns a request's events into outbound messages for the delivery worker. Each event is judged on its own: its own
/// rules (<see cref="IncomingEventValidator"/>), then a connection that exists with the event's table among its tables.
/// An event id already stored for the connection (before, or earlier in the same request) is the same event: it gets
/// the first one's message back and stores nothing. This node stores one request's events at a time, so its own
/// concurrent requests find each other's messages instead of colliding; the unique index on (connection, event id)
/// decides between nodes, and the loser finds the winner's message. The accepted events are stored in one
/// transaction, so a 202 means every one of them is durable. Each event goes through its connection and table's field
/// mapping when there is one (an event below its threshold is stored Skipped, with the reason, and never delivered).
/// </summary>
public sealed partial class EventIntake(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    IValidator<IncomingEvent> validator,
    MessageNotifier notifier,
    TimeProvider timeProvider,
    ILogger<EventIntake> logger) : IDisposable
{
    private readonly SemaphoreSlim _storing = new(1, 1);

    /// <summary>Saves tried when concurrent requests keep storing some of the same events first; each try stores fewer.</summary>
    private const int MaxSaveTries = 3;

    public async Task<IReadOnlyList<EventResult>> AcceptAsync(
        IReadOnlyList<(int Index, IncomingEvent Event)> events, EventSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(sender);
        var results = new EventResult?[events.Count];
        List<(int Position, IncomingEvent Event)> valid = [];
        for (var position = 0; position < events.Count; position++)
        {
            var (index, incoming) = events[position];
            var validation = validator.Validate(incoming);
            if (validation.IsValid)
            {
                valid.Add((position, incoming));
            }
            else
            {
                results[position] = EventResult.Refused(index, incoming.Id, validation.ToDictionary());
            }
        }

        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connections = await ConnectionsAsync(db, valid.Select(v => v.Event.ConnectionText!), cancellationToken);
        List<Accepted> accepted = [];
        foreach (var (position, incoming) in valid)
        {
            var index = events[position].Index;
            if (!connections.TryGetValue(incoming.ConnectionText!, out var connection))
            {
                results[position] = EventResult.Refused(index, incoming.Id, Error("connection", $"No connection has the id or name \"{incoming.ConnectionText}\"."));
            }
            else if (!connection.Tables.Contains(incoming.Table!, StringComparer.Ordinal))
            {
                results[position] = EventResult.Refused(index, incoming.Id, Error("table",
                    $"{incoming.Table} is not one of the tables of the connection \"{connection.Name}\" ({string.Join(", ", connection.Tables)}); an Admin adds it on the connection's page."));
            }
            else
            {
                accepted.Add(new Accepted(position, index, incoming, new EventKey(connection.Id, incoming.Id!)));
            }
        }

        var mappings = await FieldMappingStore.ForIntakeAsync(db, accepted.Select(a => a.Key.ConnectionId), cancellationToken);
        Dictionary<EventKey, StoredMessage> messages;
        await _storing.WaitAsync(cancellationToken);
        try
        {
            messages = await StoreAsync(db, accepted, mappings, sender, cancellationToken);
        }
        finally
        {
            _storing.Release();
        }

        foreach (var (position, index, incoming, key) in accepted)
        {
            var (messageId, responseId, storedBy) = messages[key];
            results[position] = EventResult.Stored(index, incoming.Id!, messageId, responseId, duplicate: storedBy != position);
        }

        LogAccepted(accepted.Count(a => messages[a.Key].StoredBy == a.Position), accepted.Count(a => messages[a.Key].StoredBy != a.Position),
            events.Count - accepted.Count);
        return [.. results.Select(r => r!)];
    }

    /// <summary>
    /// The message of each accepted event's key: the one already stored, or a new one stored now by the key's first event
    /// (<see cref="StoredMessage.StoredBy"/> its position; -1 for a message stored before this request).
    /// </summary>
    private async Task<Dictionary<EventKey, StoredMessage>> StoreAsync(
        PortalDbContext db, List<Accepted> accepted, IntakeMappings mappings, EventSender sender, CancellationToken cancellationToken)
    {
        var messages = await ExistingAsync(db, accepted.Select(a => a.Key), cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var now = timeProvider.GetUtcNow().UtcDateTime;
            var fresh = accepted.Where(a => !messages.ContainsKey(a.Key)).DistinctBy(a => a.Key)
                .Select(a => (a.Position, a.Key, Message: NewMessage(a, mappings, sender, now))).ToList();
            if (fresh.Count == 0)
            {
                return messages;
            }

            db.Messages.AddRange(fresh.Select(f => f.Message));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                foreach (var (position, key, message) in fresh)
                {
                    messages[key] = new StoredMessage(message.Id, message.ResponseId, position);
                }

                notifier.Publish(new MessagesCommitted(fresh.Count, [.. fresh.Select(f => f.Key.ConnectionId).Distinct()]));
                return messages;
            }
            catch (DbUpdateException) when (attempt < MaxSaveTries)
            {
                // Another node stored some of these events first: theirs stand, and the rest are saved again.
                db.ChangeTracker.Clear();
                var storedMeanwhile = await ExistingAsync(db, fresh.Select(f => f.Key), cancellationToken);
                if (storedMeanwhile.Count == 0)
                {
                    throw;
                }

                foreach (var (key, message) in storedMeanwhile)
                {
                    messages[key] = message;
                }
            }
        }
    }

    private static Message NewMessage(Accepted accepted, IntakeMappings mappings, EventSender sender, DateTime now)
    {
        var incoming = accepted.Event;
        var mapped = mappings.Map(accepted.Key.ConnectionId, incoming.Table!,
            incoming.Fields!.ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal));
        var fields = new Dictionary<string, string>(mapped.Payload.Fields, StringComparer.Ordinal);
        if (incoming.Action == OutboundActions.Create)
        {
            fields["correlation_id"] = incoming.Id!;
        }

        var hubUsers = new Dictionary<string, string>(mapped.Payload.HubUsers, StringComparer.Ordinal);
        if (incoming.Reporter is { } reporter && !fields.ContainsKey("caller_id"))
        {
            hubUsers.TryAdd("caller_id", reporter.Trim());
        }

        var message = OutboundQueue.Queued(accepted.Key.ConnectionId, incoming.Table!, incoming.Action!,
            new OutboundPayload(fields, hubUsers), incoming.RecordCorrelationId!, now);
        message.EventId = incoming.Id;
        foreach (var attachment in incoming.Attachments ?? [])
        {
            message.Attachments.Add(AttachmentUpload.Pending(attachment!.FileName!, attachment.ContentType, attachment.Bytes()!));
        }

        message.Headers = sender.Headers;
        message.RemoteAddress = sender.RemoteAddress;
        mapped.ApplyTo(message);
        return message;
    }

    private static async Task<Dictionary<EventKey, StoredMessage>> ExistingAsync(
        PortalDbContext db, IEnumerable<EventKey> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        var connectionIds = wanted.Select(k => k.ConnectionId).Distinct().ToList();
        var eventIds = wanted.Select(k => k.EventId).Distinct().ToList();

        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.EventId != null && eventIds.Contains(m.EventId) && connectionIds.Contains(m.ConnectionId))
            .Select(m => new { m.ConnectionId, m.EventId, m.Id, m.ResponseId })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (Key: new EventKey(r.ConnectionId, r.EventId!), Message: new StoredMessage(r.Id, r.ResponseId, -1)))
            .Where(r => wanted.Contains(r.Key))
            .ToDictionary(r => r.Key, r => r.Message);
    }

    /// <summary>The live connections the references name, by reference: a name (any case) first, else an id in digits.</summary>
    private static async Task<Dictionary<string, ConnectionTarget>> ConnectionsAsync(
        PortalDbContext db, IEnumerable<string> references, CancellationToken cancellationToken)
    {
        var distinct = references.Distinct(StringComparer.Ordinal).ToList();
        var names = distinct.Select(r => r.Trim().ToUpperInvariant()).ToList();
        var ids = distinct.Select(r => long.TryParse(r, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).ToList();
        var rows = await db.Connections.AsNoTracking()
            .Where(c => c.DeletedAt == null && (names.Contains(c.NormalizedName) || ids.Contains(c.Id)))
            .Select(c => new { c.Id, c.Name, c.NormalizedName, c.Tables })
            .ToListAsync(cancellationToken);
        var found = new Dictionary<string, ConnectionTarget>(StringComparer.Ordinal);
        foreach (var reference in distinct)
        {
            var row = rows.FirstOrDefault(c => c.NormalizedName == reference.Trim().ToUpperInvariant())
                ?? rows.FirstOrDefault(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == reference);
            if (row is not null)
            {
                found[reference] = new ConnectionTarget(row.Id, row.Name,
                    row.Tables.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return found;
    }

    public void Dispose() => _storing.Dispose();

    private static Dictionary<string, string[]> Error(string key, string message) => new() { [key] = [message] };

    [LoggerMessage(Level = LogLevel.Information, Message = "Events API: {Stored} events stored, {Repeated} repeated ids answered with their first message, {Refused} refused")]
    private partial void LogAccepted(int stored, int repeated, int refused);

    private readonly record struct EventKey(long ConnectionId, string EventId);

    /// <param name="StoredBy">The position of the event in this request that stored it; -1 when stored before.</param>
    private readonly record struct StoredMessage(long Id, string ResponseId, int StoredBy);

    private sealed record Accepted(int Position, int Index, IncomingEvent Event, EventKey Key);

    private sealed record ConnectionTarget(long Id, string Name, string[] Tables);
}
