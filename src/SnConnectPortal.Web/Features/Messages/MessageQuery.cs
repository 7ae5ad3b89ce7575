using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>
/// Reads the message log for the grid: filters on indexed columns, newest first (ReceivedAt, then Id), one page at a
/// time. Counting millions of rows for a pager is the slow part of any such grid, so counts stop at
/// <see cref="CountCap"/> ("10,000+").
/// </summary>
public sealed class MessageQuery(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    public const int CountCap = 10_000;

    public const int AttachmentPageSize = 25;

    /// <summary>Payloads up to this many characters are shown indented; longer ones as received, up to this many characters.</summary>
    public const int PayloadDisplayChars = 256 * 1024;

    public async Task<MessagePage> PageAsync(MessageFilter filter, int skip, int take, bool oldestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.Messages.AsNoTracking(), filter);
        var ordered = oldestFirst
            ? query.OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id)
            : query.OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id);
        var rows = await Project(db, ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))).ToListAsync(cancellationToken);
        var count = await ordered.Take(CountCap + 1).CountAsync(cancellationToken);
        return new MessagePage(rows, Math.Min(count, CountCap), count > CountCap);
    }

    /// <summary>The message with its first page of attachments and how many it has (counted up to <see cref="CountCap"/>).</summary>
    public async Task<MessageDetails?> DetailsAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().Include(m => m.Attempts.OrderBy(a => a.Attempt))
            .AsSplitQuery().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var name = await db.Connections.AsNoTracking().Where(c => c.Id == message.ConnectionId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var attachments = await AttachmentPageAsync(db, id, 0, cancellationToken);
        var attachmentCount = await db.MessageAttachments.Where(a => a.MessageId == id).OrderBy(a => a.Id).Take(CountCap + 1).CountAsync(cancellationToken);
        return new MessageDetails(ToRow(message, name), message.RecordSysId, Pretty(message.Headers), PayloadForDisplay(message.Payload),
            message.PayloadBytes, message.RemoteAddress, attachments, Math.Min(attachmentCount, CountCap), attachmentCount > CountCap,
            message.Attempts, message.NextAttemptAt, message.LastError, message.Warnings);
    }

    /// <summary>Attachments of a message in stored order, <see cref="AttachmentPageSize"/> at a time.</summary>
    public async Task<IReadOnlyList<MessageAttachment>> AttachmentPageAsync(long messageId, int skip, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await AttachmentPageAsync(db, messageId, skip, cancellationToken);
    }

    private static async Task<IReadOnlyList<MessageAttachment>> AttachmentPageAsync(PortalDbContext db, long messageId, int skip, CancellationToken cancellationToken) =>
        await db.MessageAttachments.AsNoTracking().Where(a => a.MessageId == messageId).OrderBy(a => a.Id)
            .Skip(Math.Max(0, skip)).Take(AttachmentPageSize).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<(long Id, string Name)>> ConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var list = await db.Connections.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        return list.Select(c => (c.Id, c.Name)).ToList();
    }

    /// <summary>Writes every matching row as CSV (newest first), streaming, without payloads.</summary>
    public async Task WriteCsvAsync(MessageFilter filter, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var query = Project(db, Apply(db.Messages.AsNoTracking(), filter).OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id));
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteLineAsync("time_utc,direction,connection,table,event,number,correlation_id,status,http_status,duration_ms,response_id");
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',',
                row.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), row.Direction.ToString(), Csv(row.ConnectionName),
                Csv(row.TableName), Csv(row.EventName), Csv(row.Number), Csv(row.CorrelationId), row.Status.ToString(),
                row.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "", row.DurationMs?.ToString(CultureInfo.InvariantCulture) ?? "", row.ResponseId));
        }
    }

    internal static IQueryable<Message> Apply(IQueryable<Message> query, MessageFilter filter)
    {
        if (filter.ConnectionId is { } connectionId)
        {
            query = query.Where(m => m.ConnectionId == connectionId);
        }

        if (filter.Direction is { } direction)
        {
            query = query.Where(m => m.Direction == direction);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.From is { } from)
        {
            query = query.Where(m => m.ReceivedAt >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(m => m.ReceivedAt < to);
        }

        var text = filter.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            // Prefix on number as an index range (LIKE would not use the index on either provider), exact on the ids.
            var upper = text.ToUpperInvariant();
            var end = upper + "\uffff";
            query = query.Where(m => (string.Compare(m.Number, upper) >= 0 && string.Compare(m.Number, end) < 0)
                || m.CorrelationId == text || m.ResponseId == text);
        }

        return query;
    }

    private static IQueryable<MessageRow> Project(PortalDbContext db, IQueryable<Message> query) =>
        from m in query
        join c in db.Connections on m.ConnectionId equals c.Id into connections
        from c in connections.DefaultIfEmpty()
        select new MessageRow(m.Id, m.ReceivedAt, m.Direction, m.ConnectionId, c.Name, m.TableName, m.EventName, m.Number,
            m.CorrelationId, m.Status, m.HttpStatus, m.DurationMs, m.ResponseId, m.AttemptCount);

    private static MessageRow ToRow(Message m, string? connectionName) =>
        new(m.Id, m.ReceivedAt, m.Direction, m.ConnectionId, connectionName, m.TableName, m.EventName, m.Number, m.CorrelationId,
            m.Status, m.HttpStatus, m.DurationMs, m.ResponseId, m.AttemptCount);

    /// <summary>
    /// The payload as the details panel shows it: indented, or, past <see cref="PayloadDisplayChars"/>, its beginning
    /// as received and a line that says so, so that opening a 10 MB message stays quick.
    /// </summary>
    internal static string PayloadForDisplay(string payload)
    {
        if (payload.Length <= PayloadDisplayChars)
        {
            return Pretty(payload);
        }

        var end = char.IsLowSurrogate(payload[PayloadDisplayChars]) ? PayloadDisplayChars - 1 : PayloadDisplayChars;
        return string.Create(CultureInfo.InvariantCulture,
            $"{payload.AsSpan(0, end)}\n\n… (shown: the first {end:N0} of {payload.Length:N0} characters, as received; the whole payload is stored)");
    }

    internal static string Pretty(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
            return JsonSerializer.Serialize(document.RootElement, PrettyOptions);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static readonly JsonSerializerOptions PrettyOptions = new()
    {
        WriteIndented = true,
        MaxDepth = 1000,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Quotes a CSV field; a leading = + - @ is prefixed with ' so that spreadsheets do not run it as a formula.</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
