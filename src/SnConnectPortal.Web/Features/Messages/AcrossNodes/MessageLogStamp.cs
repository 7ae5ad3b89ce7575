using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// What a node reads of the message log to see other nodes' changes where the database has no notifications: the
/// messages above a recent id (counted, so that a batch committed after a higher id is still seen), the newest message
/// and delivery attempt, and the outbound messages still to be delivered with their attempt count (a claim raises it, a
/// replay adds messages). One statement over the primary keys and the delivery worker's filtered index; quoted names so
/// the same SQL runs on SQL Server, PostgreSQL and SQLite.
/// </summary>
public sealed class MessageLogStamp
{
    /// <summary>Messages with an id above the window.</summary>
    public long AboveWindow { get; init; }

    /// <summary>Messages with an id above the next window (the next read counts from there).</summary>
    public long AboveNext { get; init; }

    public long? MaxId { get; init; }

    public long? MaxAttemptId { get; init; }

    public long Pending { get; init; }

    public long? PendingAttempts { get; init; }

    /// <summary>Whether an outbound delivery moved on between two reads.</summary>
    public bool DeliveriesDifferFrom(MessageLogStamp other) =>
        MaxAttemptId != other.MaxAttemptId || Pending != other.Pending || PendingAttempts != other.PendingAttempts;

    public static async Task<MessageLogStamp> ReadAsync(PortalDbContext db, long window, long next, CancellationToken cancellationToken) =>
        (await Query(db, window, next).ToListAsync(cancellationToken))[0];

    /// <summary>The statement (not composed further, so it runs as written).</summary>
    public static IQueryable<MessageLogStamp> Query(PortalDbContext db, long window, long next)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.SqlQuery<MessageLogStamp>($"""
            SELECT CAST(COUNT(*) AS BIGINT) AS "AboveWindow",
                   CAST(COALESCE(SUM(CASE WHEN "Id" > {next} THEN 1 ELSE 0 END), 0) AS BIGINT) AS "AboveNext",
                   (SELECT MAX("Id") FROM "Messages") AS "MaxId",
                   (SELECT MAX("Id") FROM "MessageAttempts") AS "MaxAttemptId",
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM "Messages" WHERE "NextAttemptAt" IS NOT NULL) AS "Pending",
                   (SELECT SUM(CAST("AttemptCount" AS BIGINT)) FROM "Messages" WHERE "NextAttemptAt" IS NOT NULL) AS "PendingAttempts"
            FROM "Messages"
            WHERE "Id" > {window}
            """);
    }
}
