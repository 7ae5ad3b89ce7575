using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>The message view's filters; every one is served by an index (see MessageConfiguration).</summary>
public sealed record MessageFilter
{
    public long? ConnectionId { get; init; }

    public MessageDirection? Direction { get; init; }

    public MessageStatus? Status { get; init; }

    /// <summary>Inclusive, UTC.</summary>
    public DateTime? From { get; init; }

    /// <summary>Exclusive, UTC.</summary>
    public DateTime? To { get; init; }

    /// <summary>A ServiceNow number (prefix), a correlation id or a response id (exact).</summary>
    public string? Text { get; init; }
}

/// <summary>One row of the grid.</summary>
public sealed record MessageRow(
    long Id, DateTime ReceivedAt, MessageDirection Direction, long ConnectionId, string? ConnectionName, string? TableName, string? EventName,
    string? Number, string? CorrelationId, MessageStatus Status, int? HttpStatus, int? DurationMs, string ResponseId, int AttemptCount)
{
    /// <summary>The status in words, as the grid's chip shows it: "Retrying 2" after two failed attempts.</summary>
    public string StatusLabel => Status == MessageStatus.Retrying ? $"Retrying {AttemptCount}" : Label(Status);

    /// <summary>A status in words, as the status filter lists it: "Dead-lettered".</summary>
    public static string Label(MessageStatus status) => status == MessageStatus.DeadLettered ? "Dead-lettered" : status.ToString();

    /// <summary>The connection's name, or its id once it has been deleted.</summary>
    public string ConnectionLabel => ConnectionName ?? $"#{ConnectionId}";

    /// <summary>The record in words, for the grid's tooltip: "incident INC0010001 insert · correlation id c-1".</summary>
    public string RecordTitle =>
        $"{TableName} {Number} {EventName}".Trim() + (string.IsNullOrEmpty(CorrelationId) ? "" : $" · correlation id {CorrelationId}");

    /// <summary>ServiceNow's (or the receiver's) answer: "HTTP 400", or why there is none.</summary>
    public string HttpStatusLabel => HttpStatus is { } status ? $"HTTP {status}"
        : Direction == MessageDirection.Outbound && AttemptCount == 0 ? "not sent yet"
        : "no HTTP response";
}

/// <summary>A page of rows and how many match (counted up to <see cref="MessageQuery.CountCap"/>).</summary>
public sealed record MessagePage(IReadOnlyList<MessageRow> Rows, int Count, bool CountCapped);

/// <summary>
/// Everything the details panel shows: the first page of attachments with their count (capped like the grid's);
/// outbound messages add their delivery attempts, oldest first, and what the field mapping noted (<see cref="Warnings"/>).
/// </summary>
public sealed record MessageDetails(MessageRow Row, string? RecordSysId, string Headers, string Payload, int PayloadBytes, string? RemoteAddress,
    IReadOnlyList<MessageAttachment> Attachments, int AttachmentCount, bool AttachmentCountCapped,
    IReadOnlyList<MessageAttempt> Attempts, DateTime? NextAttemptAt, string? LastError, string? Warnings);
