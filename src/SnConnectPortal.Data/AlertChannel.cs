namespace SnConnectPortal.Data;

/// <summary>How an <see cref="AlertRecipient"/> is told. Stored by name.</summary>
public enum AlertChannel
{
    Email,
    Webhook,
}
