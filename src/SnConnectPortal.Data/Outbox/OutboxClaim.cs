namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// What the delivery worker asks for: the <see cref="Limit"/> outbound messages due first among
/// <paramref name="DueStatuses"/> whose <c>NextAttemptAt</c> is at or before <paramref name="Now"/>, each to be set to
/// <paramref name="ClaimedStatus"/> with one more attempt and <c>NextAttemptAt = <paramref name="ClaimExpires"/></c>.
/// Ties are taken oldest (lowest id) first.
/// </summary>
public sealed record OutboxClaim(IReadOnlyList<MessageStatus> DueStatuses, MessageStatus ClaimedStatus, DateTime Now, DateTime ClaimExpires)
{
    /// <summary>How many messages the claim takes at most (one transaction for all of them).</summary>
    public int Limit { get; init; } = 1;

    /// <summary>Connections whose messages the claim skips, due or not (those the worker is pacing).</summary>
    public IReadOnlyList<long> ExcludedConnectionIds { get; init; } = [];
}

/// <summary>A message the claim took, with the status it had before (Sending means its previous claim expired).</summary>
public sealed record ClaimedMessage(long Id, long ConnectionId, MessageStatus PreviousStatus);
