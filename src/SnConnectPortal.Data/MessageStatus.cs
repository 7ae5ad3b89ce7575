namespace SnConnectPortal.Data;

/// <summary>
/// A message's state (PRODUCT.md section 4). Inbound messages are Received once stored. An outbound event below its
/// field mapping's threshold is Skipped: stored with the reason, never delivered. Stored by name.
/// </summary>
public enum MessageStatus
{
    Received,
    Queued,
    Sending,
    Delivered,
    Retrying,
    Failed,
    DeadLettered,
    Skipped,
}
