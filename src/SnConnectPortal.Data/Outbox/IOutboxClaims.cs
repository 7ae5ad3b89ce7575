using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// Takes the next due outbound messages atomically, one implementation per provider: two portal nodes (or two workers)
/// never take the same message, and on a server database a node skips a message another node is taking at that moment
/// instead of waiting for it.
/// </summary>
public interface IOutboxClaims
{
    /// <summary>The messages claimed (the claim's first due, in no set order); empty when none is due. Runs in the context's current transaction, if any.</summary>
    Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken);
}
