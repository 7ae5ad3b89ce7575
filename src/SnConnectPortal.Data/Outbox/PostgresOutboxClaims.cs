namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// PostgreSQL: the due messages are locked with <c>FOR UPDATE SKIP LOCKED</c> in a subquery and updated in the same
/// statement; <c>RETURNING</c> reads the subquery's rows for the status before the update.
/// </summary>
public sealed class PostgresOutboxClaims : RawOutboxClaims
{
    internal override string ClaimSql(MessageColumns names, int dueStatusCount, int excludedCount) => $"""
        UPDATE {names.Table} AS m
        SET {names.Status} = @claimed, {names.AttemptCount} = m.{names.AttemptCount} + 1, {names.NextAttemptAt} = @claimExpires
        FROM (SELECT {names.Id}, {names.Status} FROM {names.Table}
              WHERE {DueCondition(names, dueStatusCount, excludedCount)}
              ORDER BY {names.NextAttemptAt}, {names.Id}
              LIMIT @limit
              FOR UPDATE SKIP LOCKED) AS due
        WHERE m.{names.Id} = due.{names.Id}
        RETURNING m.{names.Id}, m.{names.ConnectionId}, due.{names.Status}
        """;
}
