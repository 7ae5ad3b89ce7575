namespace SnConnectPortal.Data;

/// <summary>A message's state (PRODUCT.md section 4). Inbound messages are Received once stored. Stored by name.</summary>
public enum MessageStatus
{
    Received,
    Queued,
    Sending,
    Delivered,
    Retrying,
    Failed,
    DeadLettered,
}
