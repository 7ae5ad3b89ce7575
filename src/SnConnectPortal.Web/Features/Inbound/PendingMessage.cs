using System.Diagnostics;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>A received message waiting for the writer; <see cref="Committed"/> completes with its row id once durable.</summary>
public sealed class PendingMessage
{
    public required long ConnectionId { get; init; }

    public required DateTime ReceivedAt { get; init; }

    public required long ReceivedTimestamp { get; init; }

    public required string ResponseId { get; init; }

    public required InboundMetadata Metadata { get; init; }

    public required string Headers { get; init; }

    public required string Payload { get; init; }

    public required int PayloadBytes { get; init; }

    public string? RemoteAddress { get; init; }

    /// <summary>The trace of the request that received it, linked from the writer's batch span.</summary>
    public ActivityContext ReceivedIn { get; init; }

    public TaskCompletionSource<long> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
