using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SnConnectPortal.Data.Outbox;

/// <summary>
/// A claim that is one statement of the provider's own SQL (<see cref="ClaimSql"/>), which reads the due messages while
/// locking them, skips messages locked by another claim, updates them and returns them with their status before the update.
/// Table and column names come from the EF model.
/// </summary>
public abstract class RawOutboxClaims : IOutboxClaims
{
    public async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var names = new MessageColumns(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadClaimedAsync(db, names, claim, ClaimSql(names, claim.DueStatuses.Count, claim.ExcludedConnectionIds.Count), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on the context's open connection, in its current transaction, with the claim's
    /// parameters (those <see cref="ClaimSql"/> names), and reads its rows of (Id, ConnectionId, Status).
    /// </summary>
    internal static async Task<IReadOnlyList<ClaimedMessage>> ReadClaimedAsync(
        DbContext db, MessageColumns names, OutboxClaim claim, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        for (var i = 0; i < claim.DueStatuses.Count; i++)
        {
            names.AddParameter(command, "@due" + i, nameof(Message.Status), claim.DueStatuses[i]);
        }

        for (var i = 0; i < claim.ExcludedConnectionIds.Count; i++)
        {
            names.AddParameter(command, "@excluded" + i, nameof(Message.ConnectionId), claim.ExcludedConnectionIds[i]);
        }

        names.AddParameter(command, "@now", nameof(Message.NextAttemptAt), claim.Now);
        names.AddParameter(command, "@claimed", nameof(Message.Status), claim.ClaimedStatus);
        names.AddParameter(command, "@claimExpires", nameof(Message.NextAttemptAt), claim.ClaimExpires);
        names.AddParameter(command, "@limit", nameof(Message.AttemptCount), claim.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var claimed = new List<ClaimedMessage>(claim.Limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(reader.GetInt64(0), reader.GetInt64(1), Enum.Parse<MessageStatus>(reader.GetString(2))));
        }

        return claimed;
    }

    /// <summary>
    /// The claim: parameters <c>@due0</c>..<c>@due{n-1}</c>, <c>@excluded0</c>..<c>@excluded{m-1}</c>, <c>@now</c>,
    /// <c>@claimed</c>, <c>@claimExpires</c>, <c>@limit</c>; returns a row of (Id, ConnectionId, previous Status) for each message taken.
    /// </summary>
    internal abstract string ClaimSql(MessageColumns names, int dueStatusCount, int excludedCount);

    /// <summary>The due-message condition over the parameters <see cref="ClaimSql"/> names.</summary>
    internal static string DueCondition(MessageColumns names, int dueStatusCount, int excludedCount) =>
        $"{names.Status} IN ({ParameterList("@due", dueStatusCount)}) AND {names.NextAttemptAt} <= @now"
        + (excludedCount == 0 ? "" : $" AND {names.ConnectionId} NOT IN ({ParameterList("@excluded", excludedCount)})");

    private static string ParameterList(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => prefix + i));
}

/// <summary>The <c>Messages</c> table's delimited names as the EF model maps them, and parameters typed like its columns.</summary>
internal sealed class MessageColumns
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;
    private readonly ISqlGenerationHelper _sql;

    public MessageColumns(DbContext db)
    {
        _entity = db.Model.FindEntityType(typeof(Message))!;
        _table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
    }

    public string Table => _sql.DelimitIdentifier(_table.Name, _table.Schema);

    public string Id => Column(nameof(Message.Id));

    public string ConnectionId => Column(nameof(Message.ConnectionId));

    public string Status => Column(nameof(Message.Status));

    public string AttemptCount => Column(nameof(Message.AttemptCount));

    public string NextAttemptAt => Column(nameof(Message.NextAttemptAt));

    /// <summary>The index the claim walks: due messages in (NextAttemptAt, Id) order.</summary>
    public string DueIndex => _sql.DelimitIdentifier(_entity.GetIndexes()
        .Single(i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(Message.NextAttemptAt), nameof(Message.Id)]))
        .GetDatabaseName(_table)!);

    /// <summary>A parameter for <paramref name="property"/>'s column: CreateParameter applies its value converter (a status goes in by name).</summary>
    public void AddParameter(DbCommand command, string name, string property, object value) =>
        command.Parameters.Add(_entity.FindProperty(property)!.GetRelationalTypeMapping().CreateParameter(command, name, value));

    private string Column(string property) => _sql.DelimitIdentifier(_entity.FindProperty(property)!.GetColumnName(_table)!);
}
