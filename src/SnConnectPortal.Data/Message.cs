namespace SnConnectPortal.Data;

/// <summary>
/// One message through the hub, either way: an event ServiceNow sent to the inbound receiver, or a record the portal
/// delivers to ServiceNow (the outbox: Queued, Sending, Retrying, then Delivered, Failed or DeadLettered). Designed for millions of rows: the grid filters and orders on indexed columns only.
/// </summary>
public class Message
{
    /// <summary>Longest stored error text (<see cref="LastError"/>, an attempt's Detail); longer text is cut.</summary>
    public const int MaxErrorLength = 2000;

    public long Id { get; set; }

    /// <summary>When the request reached the portal (UTC).</summary>
    public DateTime ReceivedAt { get; set; }

    public long ConnectionId { get; set; }

    public required MessageDirection Direction { get; set; }

    public required MessageStatus Status { get; set; }

    /// <summary>The ServiceNow table, e.g. incident.</summary>
    public string? TableName { get; set; }

    /// <summary>insert, update, attachment, test ...</summary>
    public string? EventName { get; set; }

    public string? RecordSysId { get; set; }

    /// <summary>The ServiceNow number, e.g. INC0010001.</summary>
    public string? Number { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>
    /// Outbound, from the events API: the sender's id of the event, unique per connection, so that the same event sent
    /// again finds this message instead of making another. Null for every other message.
    /// </summary>
    public string? EventId { get; set; }

    /// <summary>
    /// Outbound: the W3C trace context (<c>traceparent</c>) of the work that queued it, e.g. the events API request, so
    /// that every delivery attempt continues that trace. Null when nothing was traced.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>What the portal answered the sender with (inbound), unique.</summary>
    public required string ResponseId { get; set; }

    public int? HttpStatus { get; set; }

    /// <summary>Inbound: from the request's arrival to the commit that made it durable.</summary>
    public int? DurationMs { get; set; }

    /// <summary>The request headers as a JSON object, secrets redacted.</summary>
    public required string Headers { get; set; }

    /// <summary>The JSON body exactly as received.</summary>
    public required string Payload { get; set; }

    public int PayloadBytes { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>Outbound: delivery attempts started so far (a retry or replay keeps counting).</summary>
    public int AttemptCount { get; set; }

    /// <summary>
    /// Outbound: when the delivery worker may take the message next (Queued, Retrying), or when a Sending claim expires
    /// and the attempt counts as interrupted. Null for inbound and final messages.
    /// </summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>
    /// Outbound: why the last attempt did not deliver, in ServiceNow's words where it gave any; for a Skipped message,
    /// why it was skipped.
    /// </summary>
    public string? LastError { get; set; }

    /// <summary>
    /// Outbound: what the connection's field mapping noted while mapping the event, one line each (a value cut to its
    /// field's length, a field left out); null when nothing.
    /// </summary>
    public string? Warnings { get; set; }

    public List<MessageAttachment> Attachments { get; } = [];

    public List<MessageAttempt> Attempts { get; } = [];
}
