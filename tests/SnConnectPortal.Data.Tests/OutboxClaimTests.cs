using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data.Outbox;

namespace SnConnectPortal.Data.Tests;

/// <summary>Each provider's outbox claim: what it takes, what it returns, and (on servers) that claims never wait on each other.</summary>
public sealed class OutboxClaimTests
{
    private static readonly MessageStatus[] DueStatuses = [MessageStatus.Queued, MessageStatus.Retrying, MessageStatus.Sending];
    private static readonly DateTime Now = new(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);
    private static readonly OutboxClaim Claim = new(DueStatuses, MessageStatus.Sending, Now, Now.AddMinutes(2));

    [Fact]
    public void SqlServerClaim_ReadsWithUpdlockReadpastRowlock_AndOutputsTheRowWithItsPreviousStatus()
    {
        using var context = OfflineContext.Create(DatabaseProviders.SqlServer);
        var claims = Assert.IsType<SqlServerOutboxClaims>(OutboxClaims.For(context));

        var sql = claims.ClaimSql(new MessageColumns(context), DueStatuses.Length, excludedCount: 0);

        Assert.Contains("SELECT TOP (@limit) [Id], [ConnectionId], [Status], [AttemptCount], [NextAttemptAt]", sql, StringComparison.Ordinal);
        Assert.Contains("FROM [Messages] WITH (UPDLOCK, READPAST, ROWLOCK)", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE [Status] IN (@due0, @due1, @due2) AND [NextAttemptAt] <= @now", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY [NextAttemptAt], [Id])", sql, StringComparison.Ordinal);
        Assert.Contains("UPDATE due", sql, StringComparison.Ordinal);
        Assert.Contains("SET [Status] = @claimed, [AttemptCount] = [AttemptCount] + 1, [NextAttemptAt] = @claimExpires", sql, StringComparison.Ordinal);
        Assert.EndsWith("OUTPUT INSERTED.[Id], INSERTED.[ConnectionId], DELETED.[Status];", sql.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresClaim_LocksTheDueRowWithSkipLocked_AndReturnsItsPreviousStatus()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Postgres);
        var claims = Assert.IsType<PostgresOutboxClaims>(OutboxClaims.For(context));

        var sql = claims.ClaimSql(new MessageColumns(context), DueStatuses.Length, excludedCount: 0);

        Assert.Contains("ORDER BY \"NextAttemptAt\", \"Id\"", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT @limit", sql, StringComparison.Ordinal);
        Assert.Contains("FOR UPDATE SKIP LOCKED", sql, StringComparison.Ordinal);
        Assert.EndsWith("RETURNING m.\"Id\", m.\"ConnectionId\", due.\"Status\"", sql.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteClaim_WalksTheDueIndexInOrder_WithoutSortingThePendingMessages()
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(timeout.Token);
        var names = new MessageColumns(db);
        var claim = Claim with { ExcludedConnectionIds = [42], Limit = 32 };

        await db.Database.OpenConnectionAsync(timeout.Token);
        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + SqliteOutboxClaims.DueSql(names, claim);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(timeout.Token))
        {
            while (await reader.ReadAsync(timeout.Token))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Equal(["SEARCH Messages USING INDEX IX_Messages_NextAttemptAt_Id (NextAttemptAt<?)"], plan);
    }

    [Theory]
    [InlineData(DatabaseProviders.Postgres, "\"Status\" IN (@due0, @due1, @due2) AND \"NextAttemptAt\" <= @now AND \"ConnectionId\" NOT IN (@excluded0, @excluded1)")]
    [InlineData(DatabaseProviders.SqlServer, "[Status] IN (@due0, @due1, @due2) AND [NextAttemptAt] <= @now AND [ConnectionId] NOT IN (@excluded0, @excluded1)")]
    public void RawClaim_WithExcludedConnections_SkipsThemThroughParameters(string provider, string condition)
    {
        using var context = OfflineContext.Create(provider);
        var claims = Assert.IsAssignableFrom<RawOutboxClaims>(OutboxClaims.For(context));

        var sql = claims.ClaimSql(new MessageColumns(context), DueStatuses.Length, excludedCount: 2);

        Assert.Contains("WHERE " + condition + "\n", sql.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ClaimNext_TakesTheMessageDueFirst_CountsTheAttempt_AndReturnsItsPreviousStatus(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var seed = await factory.CreateDbContextAsync(timeout.Token))
        {
            seed.Messages.AddRange(
                Outbound("later", MessageStatus.Queued, Now.AddMinutes(-1), attempts: 0),
                Outbound("interrupted", MessageStatus.Sending, Now.AddMinutes(-5), attempts: 2),
                Outbound("not-yet", MessageStatus.Retrying, Now.AddMinutes(1), attempts: 1),
                Outbound("done", MessageStatus.Delivered, Now.AddMinutes(-9), attempts: 1));
            await seed.SaveChangesAsync(timeout.Token);
        }

        var taken = new List<ClaimedMessage>();
        await using (var db = await factory.CreateDbContextAsync(timeout.Token))
        {
            while (await ClaimOneAsync(db, Claim, timeout.Token) is { } claimed)
            {
                taken.Add(claimed);
            }
        }

        await using var reader = await factory.CreateDbContextAsync(timeout.Token);
        var byResponse = await reader.Messages.AsNoTracking().ToDictionaryAsync(m => m.ResponseId, timeout.Token);
        Assert.Equal(
            [(byResponse["interrupted"].Id, 42L, MessageStatus.Sending), (byResponse["later"].Id, 42L, MessageStatus.Queued)],
            taken.Select(c => (c.Id, c.ConnectionId, c.PreviousStatus)));
        Assert.Equal((MessageStatus.Sending, 3, Claim.ClaimExpires), (byResponse["interrupted"].Status, byResponse["interrupted"].AttemptCount, byResponse["interrupted"].NextAttemptAt));
        Assert.Equal((MessageStatus.Sending, 1, Claim.ClaimExpires), (byResponse["later"].Status, byResponse["later"].AttemptCount, byResponse["later"].NextAttemptAt));
        Assert.Equal((MessageStatus.Retrying, 1), (byResponse["not-yet"].Status, byResponse["not-yet"].AttemptCount));
        Assert.Equal((MessageStatus.Delivered, 1), (byResponse["done"].Status, byResponse["done"].AttemptCount));

        // The claim's own SQL stores the status by name, as EF does.
        var stored = await reader.Database.SqlQueryRaw<string>("""SELECT "Status" AS "Value" FROM "Messages" """).ToListAsync(timeout.Token);
        Assert.Equal(["Delivered", "Retrying", "Sending", "Sending"], stored.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ClaimNext_SkipsExcludedConnections_AndTakesMessagesDueAtTheSameTimeOldestFirst(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var due = Now.AddMinutes(-1);
        await using (var seed = await factory.CreateDbContextAsync(timeout.Token))
        {
            seed.Messages.AddRange(
                Outbound("paced", MessageStatus.Queued, Now.AddMinutes(-5), attempts: 0, connectionId: 42),
                Outbound("tie-1", MessageStatus.Queued, due, attempts: 0, connectionId: 7),
                Outbound("tie-2", MessageStatus.Retrying, due, attempts: 1, connectionId: 7),
                Outbound("tie-3", MessageStatus.Queued, due, attempts: 0, connectionId: 8));
            await seed.SaveChangesAsync(timeout.Token);

            // Rewritten newest first, so that a database returning ties in storage order (PostgreSQL's heap) would not return them by id.
            foreach (var responseId in new[] { "tie-3", "tie-2", "tie-1" })
            {
                await seed.Messages.Where(m => m.ResponseId == responseId).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, due), timeout.Token);
            }
        }

        var pacing = Claim with { ExcludedConnectionIds = [42, 99] };
        var taken = new List<ClaimedMessage>();
        ClaimedMessage? afterPacing;
        await using (var db = await factory.CreateDbContextAsync(timeout.Token))
        {
            while (await ClaimOneAsync(db, pacing, timeout.Token) is { } claimed)
            {
                taken.Add(claimed);
            }

            afterPacing = await ClaimOneAsync(db, Claim, timeout.Token);
        }

        await using var reader = await factory.CreateDbContextAsync(timeout.Token);
        var byResponse = await reader.Messages.AsNoTracking().ToDictionaryAsync(m => m.ResponseId, timeout.Token);
        Assert.Equal(
            [(byResponse["tie-1"].Id, 7L), (byResponse["tie-2"].Id, 7L), (byResponse["tie-3"].Id, 8L)],
            taken.Select(c => (c.Id, c.ConnectionId)));
        Assert.Equal((byResponse["paced"].Id, 42L, MessageStatus.Queued), (afterPacing?.Id, afterPacing?.ConnectionId, afterPacing?.PreviousStatus));
    }

    [Theory, MemberData(nameof(TestDatabases.Servers), MemberType = typeof(TestDatabases))]
    public async Task ClaimNext_WhileAnotherClaimHoldsTheFirstMessage_TakesTheNextWithoutWaiting(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var seed = await factory.CreateDbContextAsync(timeout.Token))
        {
            seed.Messages.AddRange(Outbound("first", MessageStatus.Queued, Now.AddMinutes(-2), 0), Outbound("second", MessageStatus.Queued, Now.AddMinutes(-1), 0));
            await seed.SaveChangesAsync(timeout.Token);
        }

        await using var nodeA = await factory.CreateDbContextAsync(timeout.Token);
        await using var open = await nodeA.Database.BeginTransactionAsync(timeout.Token);
        var claimedByA = await ClaimOneAsync(nodeA, Claim, timeout.Token);

        await using var nodeB = await factory.CreateDbContextAsync(timeout.Token);
        var claimedByB = await ClaimOneAsync(nodeB, Claim, timeout.Token);
        var nothingLeftForB = await ClaimOneAsync(nodeB, Claim, timeout.Token);
        await open.CommitAsync(timeout.Token);

        Assert.NotNull(claimedByA);
        Assert.NotNull(claimedByB);
        Assert.NotEqual(claimedByA.Id, claimedByB.Id);
        Assert.Null(nothingLeftForB);
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Claim_WithALimit_TakesThatManyDueFirst_InOneGo(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var seed = await factory.CreateDbContextAsync(timeout.Token))
        {
            seed.Messages.AddRange(
                Outbound("third", MessageStatus.Queued, Now.AddMinutes(-1), 0),
                Outbound("first", MessageStatus.Retrying, Now.AddMinutes(-3), 1),
                Outbound("second", MessageStatus.Queued, Now.AddMinutes(-2), 0),
                Outbound("not-yet", MessageStatus.Queued, Now.AddMinutes(1), 0));
            await seed.SaveChangesAsync(timeout.Token);
        }

        IReadOnlyList<ClaimedMessage> firstTwo, rest;
        await using (var db = await factory.CreateDbContextAsync(timeout.Token))
        {
            firstTwo = await OutboxClaims.For(db).ClaimAsync(db, Claim with { Limit = 2 }, timeout.Token);
            rest = await OutboxClaims.For(db).ClaimAsync(db, Claim with { Limit = 10 }, timeout.Token);
        }

        await using var reader = await factory.CreateDbContextAsync(timeout.Token);
        var byResponse = await reader.Messages.AsNoTracking().ToDictionaryAsync(m => m.ResponseId, timeout.Token);
        Assert.Equal(
            [(byResponse["first"].Id, MessageStatus.Retrying), (byResponse["second"].Id, MessageStatus.Queued)],
            firstTwo.Select(c => (c.Id, c.PreviousStatus)).Order());
        Assert.Equal([byResponse["third"].Id], rest.Select(c => c.Id));
        Assert.All(["first", "second", "third"], r => Assert.Equal((MessageStatus.Sending, Claim.ClaimExpires), (byResponse[r].Status, byResponse[r].NextAttemptAt)));
        Assert.Equal((MessageStatus.Queued, 0), (byResponse["not-yet"].Status, byResponse["not-yet"].AttemptCount));
    }

    private static async Task<ClaimedMessage?> ClaimOneAsync(DbContext db, OutboxClaim claim, CancellationToken cancellationToken) =>
        await OutboxClaims.For(db).ClaimAsync(db, claim, cancellationToken) is [var one] ? one : null;

    private static Message Outbound(string responseId, MessageStatus status, DateTime nextAttemptAt, int attempts, long connectionId = 42) => new()
    {
        ReceivedAt = Now.AddHours(-1), ConnectionId = connectionId, Direction = MessageDirection.Outbound, Status = status, ResponseId = responseId,
        Headers = "{}", Payload = "{}", NextAttemptAt = nextAttemptAt, AttemptCount = attempts,
    };
}
