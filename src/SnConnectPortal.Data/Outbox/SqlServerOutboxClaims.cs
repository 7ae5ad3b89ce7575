namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// SQL Server: the queue pattern of an updatable CTE over <c>TOP (@limit) ... ORDER BY</c> read <c>WITH (UPDLOCK, READPAST,
/// ROWLOCK)</c>: update locks so that two claims cannot both read the row before either updates it, READPAST so that a
/// claim skips a row another claim has locked instead of waiting, row locks so that READPAST skips one message, not a
/// page of them. <c>OUTPUT</c> returns the claimed rows, <c>DELETED</c> their status before the update.
/// </summary>
public sealed class SqlServerOutboxClaims : RawOutboxClaims
{
    internal override string ClaimSql(MessageColumns names, int dueStatusCount, int excludedCount) => $"""
        WITH due AS (
            SELECT TOP (@limit) {names.Id}, {names.ConnectionId}, {names.Status}, {names.AttemptCount}, {names.NextAttemptAt}
            FROM {names.Table} WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE {DueCondition(names, dueStatusCount, excludedCount)}
            ORDER BY {names.NextAttemptAt}, {names.Id})
        UPDATE due
        SET {names.Status} = @claimed, {names.AttemptCount} = {names.AttemptCount} + 1, {names.NextAttemptAt} = @claimExpires
        OUTPUT INSERTED.{names.Id}, INSERTED.{names.ConnectionId}, DELETED.{names.Status};
        """;
}
