namespace SnConnectPortal.Web.Features.Messages;

/// <summary>Where a message came from or goes to.</summary>
public static class MessageDirections
{
    public const string Inbound = "Inbound";
    public const string Outbound = "Outbound";

    public static IReadOnlyList<string> All { get; } = [Inbound, Outbound];
}

/// <summary>A message's state (PRODUCT.md section 4). Inbound messages are Received once stored.</summary>
public static class MessageStatuses
{
    public const string Received = "Received";
    public const string Queued = "Queued";
    public const string Sending = "Sending";
    public const string Delivered = "Delivered";
    public const string Retrying = "Retrying";
    public const string Failed = "Failed";
    public const string DeadLettered = "DeadLettered";

    public static IReadOnlyList<string> All { get; } = [Received, Queued, Sending, Delivered, Retrying, Failed, DeadLettered];
}
