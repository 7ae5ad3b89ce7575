namespace SnConnectPortal.Web.Outbound;

/// <summary>An outbound message the worker may take, as it was read: the claim succeeds only if it is still so.</summary>
public sealed record DueMessage(long Id, long ConnectionId, string Status, DateTime? NextAttemptAt);
