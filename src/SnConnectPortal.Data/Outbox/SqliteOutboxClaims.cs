using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// SQLite: one writer at a time, so locking hints are not needed: the due messages are read and then updated inside one
/// write transaction (Microsoft.Data.Sqlite begins it IMMEDIATE, taking the write lock before the read). The read names
/// its index (<c>INDEXED BY</c>): left to itself, SQLite's planner takes the index on Status and sorts every pending
/// message for each claim, which grows with the backlog; the (NextAttemptAt, Id) index yields them in order and stops
/// at the limit.
/// </summary>
public sealed class SqliteOutboxClaims : IOutboxClaims
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var names = new MessageColumns(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await using (ownTransaction)
            {
                var due = await RawOutboxClaims.ReadClaimedAsync(db, names, claim, DueSql(names, claim), cancellationToken);
                if (due.Count > 0)
                {
                    var ids = due.Select(m => m.Id).ToList();
                    await db.Set<Message>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
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
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    internal static string DueSql(MessageColumns names, OutboxClaim claim) => $"""
        SELECT {names.Id}, {names.ConnectionId}, {names.Status}
        FROM {names.Table} INDEXED BY {names.DueIndex}
        WHERE {RawOutboxClaims.DueCondition(names, claim.DueStatuses.Count, claim.ExcludedConnectionIds.Count)}
        ORDER BY {names.NextAttemptAt}, {names.Id}
        LIMIT @limit
        """;
}
