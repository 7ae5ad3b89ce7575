using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Messages;

/// <summary>The message view's query, notifier and retention against a real SQLite file.</summary>
public sealed class MessageQueryTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);
    private readonly PortalFactory _portal = new();

    [Fact]
    public async Task Page_FiltersByConnectionStatusTimeAndText_NewestFirst()
    {
        await SeedAsync(
            Row(1, MessageStatus.Received, Now.AddHours(-1), "INC0010001", "r1"),
            Row(1, MessageStatus.Failed, Now.AddHours(-2), "INC0010002", "r2"),
            Row(2, MessageStatus.Received, Now.AddHours(-3), "INC0020001", "r3"),
            Row(1, MessageStatus.Received, Now.AddDays(-3), "INC0010003", "r4"),
            Row(1, MessageStatus.Received, Now.AddMinutes(-5), "PRB0040001", "r5", correlationId: "corr-77"),
            Row(3, MessageStatus.Received, Now.AddMinutes(-6), "TEST0000001", "01a1fe6b1ac0742ebb8493967f9a0c1d"));
        var query = _portal.Services.GetRequiredService<MessageQuery>();

        var connectionReceivedDay = await query.PageAsync(new MessageFilter { ConnectionId = 1, Status = MessageStatus.Received, From = Now.AddHours(-24) }, 0, 50, false, default);
        var byNumberPrefix = await query.PageAsync(new MessageFilter { Text = "inc001" }, 0, 50, false, default);
        var byCorrelation = await query.PageAsync(new MessageFilter { Text = "corr-77" }, 0, 50, false, default);
        var byResponseId = await query.PageAsync(new MessageFilter { Text = "r3" }, 0, 50, false, default);
        var byLongResponseId = await query.PageAsync(new MessageFilter { Text = "01a1fe6b1ac0742ebb8493967f9a0c1d" }, 0, 50, false, default);
        var oldestFirst = await query.PageAsync(new MessageFilter(), 0, 2, true, default);

        Assert.Equal(["r5", "r1"], connectionReceivedDay.Rows.Select(r => r.ResponseId));
        Assert.Equal(["r1", "r2", "r4"], byNumberPrefix.Rows.Select(r => r.ResponseId));
        Assert.Equal("r5", Assert.Single(byCorrelation.Rows).ResponseId);
        Assert.Equal("r3", Assert.Single(byResponseId.Rows).ResponseId);
        Assert.Equal("TEST0000001", Assert.Single(byLongResponseId.Rows).Number);
        Assert.Equal(["r4", "r3"], oldestFirst.Rows.Select(r => r.ResponseId));
        Assert.Equal(6, oldestFirst.Count);
    }

    [Theory]
    [InlineData(MessageStatus.Retrying, 2, "Retrying 2")]
    [InlineData(MessageStatus.DeadLettered, 5, "Dead-lettered")]
    [InlineData(MessageStatus.Delivered, 1, "Delivered")]
    [InlineData(MessageStatus.Received, 0, "Received")]
    public async Task Page_RowsSayTheirStatusInWords_WithTheAttemptsOfARetry(MessageStatus status, int attempts, string expected)
    {
        var row = Row(1, status, Now, "INC0010001", "r1");
        row.AttemptCount = attempts;
        await SeedAsync(row);

        var page = await _portal.Services.GetRequiredService<MessageQuery>().PageAsync(new MessageFilter(), 0, 10, false, default);

        Assert.Equal(expected, Assert.Single(page.Rows).StatusLabel);
    }

    [Fact]
    public async Task Csv_EscapesQuotesAndDefusesFormulas()
    {
        Assert.Equal("\"a,b\"", MessageQuery.Csv("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", MessageQuery.Csv("say \"hi\""));
        Assert.Equal("'=HYPERLINK(1)", MessageQuery.Csv("=HYPERLINK(1)"));
        await SeedAsync(Row(1, MessageStatus.Received, Now, "=cmd()", "r1"));
        using var output = new MemoryStream();

        await _portal.Services.GetRequiredService<MessageQuery>().WriteCsvAsync(new MessageFilter(), output, default);

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time_utc,direction", lines[0], StringComparison.Ordinal);
        Assert.Contains("'=cmd()", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_DeletesOnlyOlderThanTheSetting_InBatches()
    {
        using var portal = new PortalFactory(new Dictionary<string, string?> { ["Messages:RetentionDays"] = "7", ["Messages:PurgeBatchSize"] = "2" });
        var clock = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await SeedAsync(portal, Row(1, MessageStatus.Received, clock.AddDays(-8), "A", "old1"), Row(1, MessageStatus.Received, clock.AddDays(-9), "B", "old2"),
            Row(1, MessageStatus.Received, clock.AddDays(-30), "C", "old3"), Row(1, MessageStatus.Received, clock.AddDays(-6), "D", "new1"));

        var purged = await portal.Services.GetRequiredService<MessageRetention>().PurgeAsync(default);

        Assert.Equal(3, purged);
        Assert.Equal(["new1"], (await InboundTestData(portal)).Select(m => m.ResponseId));
    }

    [Fact]
    public void Notifier_DeliversToSubscribers_UntilDisposed_AndSurvivesAThrowingOne()
    {
        var notifier = _portal.Services.GetRequiredService<MessageNotifier>();
        var seen = 0;
        using var broken = notifier.Subscribe(_ => throw new InvalidOperationException("page gone"));
        var subscription = notifier.Subscribe(c => seen += c.Count);

        notifier.Publish(new MessagesCommitted(3, [1]));
        subscription.Dispose();
        notifier.Publish(new MessagesCommitted(5, [1]));

        Assert.Equal(3, seen);
    }

    public void Dispose() => _portal.Dispose();

    private Task SeedAsync(params Message[] messages) => SeedAsync(_portal, messages);

    private static async Task SeedAsync(PortalFactory portal, params Message[] messages)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    private static async Task<List<Message>> InboundTestData(PortalFactory portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Messages.AsNoTracking().ToListAsync();
    }

    private static Message Row(long connectionId, MessageStatus status, DateTime at, string number, string responseId, string? correlationId = null) => new()
    {
        ConnectionId = connectionId,
        Direction = MessageDirection.Inbound,
        Status = status,
        ReceivedAt = at,
        Number = number,
        CorrelationId = correlationId,
        ResponseId = responseId,
        Headers = "{}",
        Payload = "{}",
    };
}
