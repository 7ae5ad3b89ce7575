namespace SnConnectPortal.Data;

/// <summary>Where a message came from or goes to. Stored by name.</summary>
public enum MessageDirection
{
    Inbound,
    Outbound,
}
