namespace SnConnectPortal.Data;

/// <summary>
/// One message through the hub, either way: an event ServiceNow sent to the inbound receiver, or (later) a record the
/// portal sends to ServiceNow. Designed for millions of rows: the grid filters and orders on indexed columns only.
/// </summary>
public class Message
{
    public long Id { get; set; }

    /// <summary>When the request reached the portal (UTC).</summary>
    public DateTime ReceivedAt { get; set; }

    public long ConnectionId { get; set; }

    /// <summary>Inbound or Outbound (<c>MessageDirections</c>).</summary>
    public required string Direction { get; set; }

    /// <summary>Received, Queued, Sending, Delivered, Retrying, Failed or DeadLettered.</summary>
    public required string Status { get; set; }

    /// <summary>The ServiceNow table, e.g. incident.</summary>
    public string? TableName { get; set; }

    /// <summary>insert, update, attachment, test ...</summary>
    public string? EventName { get; set; }

    public string? RecordSysId { get; set; }

    /// <summary>The ServiceNow number, e.g. INC0010001.</summary>
    public string? Number { get; set; }

    public string? CorrelationId { get; set; }

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

    public List<MessageAttachment> Attachments { get; } = [];
}
