using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Messages.AcrossNodes;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Messages.AcrossNodes;

/// <summary>
/// The poll a node runs where the database has no notifications (SQL Server), on a real database: the rows "another
/// node" writes here are inserted straight into the tables. No SQL Server runs here, so the stamp's SQL (written for all
/// three) runs on SQLite and PostgreSQL.
/// </summary>
public sealed class MessageLogWatchTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private PortalFactory _portal = default!;
    private long _connectionId;

    public async Task InitializeAsync()
    {
        _portal = new PortalFactory();
        _connectionId = await InboundTestData.CreateConnectionAsync(_portal.Services);
    }

    public Task DisposeAsync()
    {
        _portal.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Stamp_CountsMessagesAboveEachWindow_TheNewestIds_AndTheDeliveriesStillDue(string provider)
    {
        await using var postgres = provider == "Postgres" ? await PostgresScratchDatabase.CreateAsync() : null;
        using var portal = postgres is null ? null : new PortalFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.ConnectionString,
        });
        var services = (portal ?? _portal).Services;
        var connectionId = portal is null ? _connectionId : await InboundTestData.CreateConnectionAsync(services);
        var ids = await InsertAsync(services, connectionId, Inbound(), Inbound(), Outbound(attempts: 2), Outbound(attempts: 1));
        var attemptId = await AttemptAsync(services, ids[0]);

        await using var db = await Db(services);
        var stamp = await MessageLogStamp.ReadAsync(db, ids[0], ids[2], default);

        Assert.Equal((3L, 1L, ids[3], attemptId, 2L, 3L), (stamp.AboveWindow, stamp.AboveNext, stamp.MaxId, stamp.MaxAttemptId, stamp.Pending, stamp.PendingAttempts));
    }

    [Fact]
    public void Stamp_OnSqlServer_IsOneStatement_WithTheIdsAsBigintParameters()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UsePortalDatabase(new DatabaseOptions { Provider = DatabaseProviders.SqlServer, ConnectionString = "Server=127.0.0.1;Database=never_opened" }, Path.GetTempPath());
        using var db = new PortalDbContext(builder.Options);

        var sql = MessageLogStamp.Query(db, 41, 42).ToQueryString();

        Assert.Contains("p0 bigint = CAST(42 AS bigint);", sql, StringComparison.Ordinal);
        Assert.Contains("p1 bigint = CAST(41 AS bigint);", sql, StringComparison.Ordinal);
        Assert.Contains("WHEN \"Id\" > @p0 THEN 1", sql, StringComparison.Ordinal);
        Assert.EndsWith("FROM \"Messages\"\nWHERE \"Id\" > @p1", sql.ReplaceLineEndings("\n").TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_MessagesAnotherNodeStored_AreNews_Once()
    {
        var watch = await StartedWatchAsync();

        await InsertAsync(_portal.Services, _connectionId, Inbound(), Inbound(), Inbound());
        var news = await ReadAsync(watch);
        var again = await ReadAsync(watch);

        Assert.Equal((3, true, true), (news?.Count, news?.FromOtherNode, news?.AnyConnection));
        Assert.Null(again);
    }

    [Fact]
    public async Task Watch_MessagesThisNodeStoredAndTold_AreNotToldAgain()
    {
        var watch = await StartedWatchAsync();

        await InsertAsync(_portal.Services, _connectionId, Inbound(), Inbound());
        watch.Local(new MessagesCommitted(2, [_connectionId]));
        var news = await ReadAsync(watch);

        Assert.Null(news);
    }

    [Fact]
    public async Task Watch_ABatchCommittedAfterAHigherId_IsStillSeen_AfterTheWindowMoved()
    {
        var watch = await StartedWatchAsync();
        var first = await InsertAsync(_portal.Services, _connectionId, Inbound());
        await ReadAsync(watch);
        _clock.Advance(MessageLogWatch.CommitLag);
        Assert.Null(await ReadAsync(watch)); // the window moves up to what was newest a lag ago
        await InsertAsync(_portal.Services, _connectionId, Inbound(id: first[0] + 10));
        await ReadAsync(watch);

        await InsertAsync(_portal.Services, _connectionId, Inbound(id: first[0] + 5)); // its id was taken before the higher one's
        var news = await ReadAsync(watch);

        Assert.Equal(1, news?.Count);
    }

    [Fact]
    public async Task Watch_ADeliveryAnotherNodeClaimed_IsNewsThatStatusesChanged()
    {
        var ids = await InsertAsync(_portal.Services, _connectionId, Outbound(attempts: 0));
        var watch = await StartedWatchAsync();

        await using (var db = await Db(_portal.Services))
        {
            await db.Messages.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Sending).SetProperty(m => m.AttemptCount, 1));
        }

        var news = await ReadAsync(watch);

        Assert.Equal((0, true), (news?.Count, news?.AnyConnection));
    }

    [Fact]
    public async Task Poll_WhileAPageListens_TellsItOfAMessageAnotherNodeStored_WithinTheBar()
    {
        var notifier = _portal.Services.GetRequiredService<MessageNotifier>();
        using var poll = new MessageLogPoll(_portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(), notifier,
            Options.Create(new MessagesOptions { NodePollMilliseconds = 250 }), TimeProvider.System, NullLogger<MessageLogPoll>.Instance);
        using var page = new NewsRecorder(notifier);
        await poll.StartAsync(default);
        await page.WaitUntilAsync(r => r.News.Count > 0, TimeSpan.FromSeconds(5)); // the first read: re-read once

        await InsertAsync(_portal.Services, _connectionId, Inbound());
        var stored = System.Diagnostics.Stopwatch.GetTimestamp();
        var told = await page.WaitUntilAsync(r => r.FromOtherNodes == 1, TimeSpan.FromSeconds(5));

        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(stored, told), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await poll.StopAsync(default);
    }

    [Theory]
    [InlineData(49)]
    [InlineData(10_001)]
    public void Options_APollIntervalOutOfRange_IsRefusedNamingTheSetting(int milliseconds)
    {
        var result = new MessagesOptionsValidator().Validate(null, new MessagesOptions { NodePollMilliseconds = milliseconds });

        Assert.Contains($"Messages:NodePollMilliseconds must be between 50 and 10000 (was {milliseconds})", result.FailureMessage, StringComparison.Ordinal);
    }

    private async Task<MessageLogWatch> StartedWatchAsync()
    {
        var watch = new MessageLogWatch(_clock);
        var first = await ReadAsync(watch);
        Assert.Equal((0, true), (first?.Count, first?.AnyConnection)); // pages re-read once when the poll starts
        Assert.Null(await ReadAsync(watch));
        return watch;
    }

    private async Task<MessagesCommitted?> ReadAsync(MessageLogWatch watch)
    {
        await using var db = await Db(_portal.Services);
        var (window, next) = watch.NextBounds();
        return watch.Observe(await MessageLogStamp.ReadAsync(db, window, next, default));
    }

    private static Task<PortalDbContext> Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static async Task<long[]> InsertAsync(IServiceProvider services, long connectionId, params Message[] messages)
    {
        await using var db = await Db(services);
        foreach (var message in messages)
        {
            message.ConnectionId = connectionId;
            db.Messages.Add(message);
            await db.SaveChangesAsync(); // one by one, so the ids follow the order given
        }

        return [.. messages.Select(m => m.Id)];
    }

    private static async Task<long> AttemptAsync(IServiceProvider services, long messageId)
    {
        await using var db = await Db(services);
        var attempt = new MessageAttempt { MessageId = messageId, Attempt = 1, Outcome = AttemptOutcome.Uncertain, StartedAt = DateTime.UtcNow };
        db.MessageAttempts.Add(attempt);
        await db.SaveChangesAsync();
        return attempt.Id;
    }

    private static Message Inbound(long id = 0) => Row(MessageDirection.Inbound, MessageStatus.Received, id);

    private static Message Outbound(int attempts)
    {
        var message = Row(MessageDirection.Outbound, MessageStatus.Queued, 0);
        message.AttemptCount = attempts;
        message.NextAttemptAt = DateTime.UtcNow;
        return message;
    }

    private static Message Row(MessageDirection direction, MessageStatus status, long id) => new()
    {
        Id = id,
        Direction = direction,
        Status = status,
        ReceivedAt = DateTime.UtcNow,
        ResponseId = Guid.NewGuid().ToString("N"),
        Headers = "{}",
        Payload = "{}",
    };
}
