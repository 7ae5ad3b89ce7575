using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// SQLite: one writer at a time, so no raw SQL is needed: the due message is read and updated through EF inside one
/// write transaction (Microsoft.Data.Sqlite begins it IMMEDIATE, taking the write lock before the read).
/// </summary>
public sealed class SqliteOutboxClaims : IOutboxClaims
{
    public async Task<ClaimedMessage?> ClaimNextAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (ownTransaction)
        {
            var messages = db.Set<Message>();
            var due = await messages
                .Where(m => claim.DueStatuses.Contains(m.Status) && m.NextAttemptAt <= claim.Now
                    && !claim.ExcludedConnectionIds.Contains(m.ConnectionId))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => new ClaimedMessage(m.Id, m.ConnectionId, m.Status))
                .FirstOrDefaultAsync(cancellationToken);
            if (due is not null)
            {
                await messages.Where(m => m.Id == due.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, claim.ClaimedStatus)
                    .SetProperty(m => m.AttemptCount, m => m.AttemptCount + 1)
                    .SetProperty(m => m.NextAttemptAt, claim.ClaimExpires), cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return due;
        }
    }
}
