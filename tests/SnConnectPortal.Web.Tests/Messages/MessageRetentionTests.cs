using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Messages;

/// <summary>The retention an Admin sets in the portal, and the purge that follows it, on a real SQLite file.</summary>
public sealed class MessageRetentionTests : IDisposable
{
    private static readonly ClaimsPrincipal Admin = TestPrincipal.Of("ada@example.com", PortalRoles.Admin);
    private readonly PortalFactory _portal = new(new Dictionary<string, string?> { ["Messages:RetentionDays"] = "30" });

    private MessageRetentionSetting Setting => _portal.Services.GetRequiredService<MessageRetentionSetting>();

    [Fact]
    public async Task Get_WithNothingSet_IsTheConfiguredDefault()
    {
        var retention = await Setting.GetAsync(default);

        Assert.Equal(new MessageRetentionDays(30, null, null), retention);
    }

    [Fact]
    public async Task Set_ByAdmin_IsStoredAudited_AndThePurgeFollowsIt()
    {
        var now = _portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await SeedAsync(Inbound(now.AddDays(-3), "three-days"), Inbound(now.AddHours(-1), "fresh"));

        Assert.Null(await Setting.SetAsync(Admin, 2, default));
        var purged = await _portal.Services.GetRequiredService<MessageRetention>().PurgeAsync(default);

        var retention = await Setting.GetAsync(default);
        Assert.Equal((2, "ada@example.com"), (retention.Days, retention.SetBy));
        Assert.Equal(1, purged);
        await using var db = await DbAsync();
        Assert.Equal(["fresh"], await db.Messages.Select(m => m.ResponseId).ToListAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "settings.retention.changed");
        Assert.Equal(("ada@example.com", "{\"from\":30,\"to\":2}"), (audit.Actor, audit.Details));
    }

    [Fact]
    public async Task Purge_KeepsOutboundMessagesStillOnTheirWay_WhateverTheirAge_AndTakesThePurgedOnesAttempts()
    {
        var old = _portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(-90);
        await SeedAsync(
            Outbound(old, MessageStatus.Queued, "queued"), Outbound(old, MessageStatus.Sending, "sending"),
            Outbound(old, MessageStatus.Retrying, "retrying"), Outbound(old, MessageStatus.Delivered, "delivered"),
            Outbound(old, MessageStatus.DeadLettered, "dead"), Inbound(old, "received"));

        await using (var db = await DbAsync())
        {
            var delivered = await db.Messages.SingleAsync(m => m.ResponseId == "delivered");
            var retrying = await db.Messages.SingleAsync(m => m.ResponseId == "retrying");
            db.MessageAttempts.AddRange(Attempt(delivered.Id), Attempt(retrying.Id));
            await db.SaveChangesAsync();
        }

        var purged = await _portal.Services.GetRequiredService<MessageRetention>().PurgeAsync(default);

        Assert.Equal(3, purged);
        await using var check = await DbAsync();
        Assert.Equal(["queued", "retrying", "sending"], (await check.Messages.Select(m => m.ResponseId).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("retrying", await check.MessageAttempts.Join(check.Messages, a => a.MessageId, m => m.Id, (a, m) => m.ResponseId).SingleAsync());
    }

    [Fact]
    public async Task SetZero_KeepsEverything()
    {
        await SeedAsync(Inbound(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), "ancient"));

        Assert.Null(await Setting.SetAsync(Admin, 0, default));

        Assert.Equal(0, await _portal.Services.GetRequiredService<MessageRetention>().PurgeAsync(default));
    }

    [Theory]
    [InlineData(PortalRoles.Operator, 7, "Only an Admin")]
    [InlineData(PortalRoles.Viewer, 7, "Only an Admin")]
    [InlineData(PortalRoles.Admin, -1, "from 0 (keep for ever) to 36,500")]
    [InlineData(PortalRoles.Admin, 36501, "from 0 (keep for ever) to 36,500")]
    [InlineData(PortalRoles.Admin, null, "from 0 (keep for ever) to 36,500")]
    public async Task Set_RefusedOrOutOfRange_SaysWhy_AndChangesNothing(string role, int? days, string expected)
    {
        var error = await Setting.SetAsync(TestPrincipal.Of("someone@example.com", role), days, default);

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(30, (await Setting.GetAsync(default)).Days);
        await using var db = await DbAsync();
        Assert.Empty(await db.PortalSettings.ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "settings.retention.changed"));
    }

    public void Dispose() => _portal.Dispose();


    private async Task<PortalDbContext> DbAsync() =>
        await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private async Task SeedAsync(params Message[] messages)
    {
        await using var db = await DbAsync();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
    }

    private static Message Inbound(DateTime at, string responseId) => Row(MessageDirection.Inbound, MessageStatus.Received, at, responseId);

    private static Message Outbound(DateTime at, MessageStatus status, string responseId) => Row(MessageDirection.Outbound, status, at, responseId);

    private static MessageAttempt Attempt(long messageId) => new() { MessageId = messageId, Attempt = 1, Outcome = AttemptOutcome.Uncertain, HttpStatus = 503 };

    private static Message Row(MessageDirection direction, MessageStatus status, DateTime at, string responseId) => new()
    {
        ConnectionId = 1,
        Direction = direction,
        Status = status,
        ReceivedAt = at,
        ResponseId = responseId,
        Headers = "{}",
        Payload = "{}",
    };
}
