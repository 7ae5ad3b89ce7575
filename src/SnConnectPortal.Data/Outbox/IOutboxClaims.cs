using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// Takes the next due outbound message atomically, one implementation per provider: two portal nodes (or two workers)
/// never take the same message, and on a server database a node skips a message another node is taking at that moment
/// instead of waiting for it.
/// </summary>
public interface IOutboxClaims
{
    /// <summary>The message claimed, or null when none is due. Runs in the context's current transaction, if any.</summary>
    Task<ClaimedMessage?> ClaimNextAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken);
}
