using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Dashboard;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Dashboard;

/// <summary>The dashboard's figures from a real SQLite file and a real PostgreSQL database.</summary>
public sealed class DashboardQueriesTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Figures_CountTrafficPerMinuteAndHour_TheBacklog_FailuresByReason_DeliveryTimes_429s_AndRateLimitHeadroom(string provider)
    {
        await using var postgres = provider == "Postgres" ? await PostgresScratchDatabase.CreateAsync() : null;
        using var portal = new PortalFactory(postgres is null ? null : new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.ConnectionString,
        });
        var now = DateTime.UtcNow;
        long acme, quiet;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var connections = new[] { Connection("Acme", ConnectionStatus.Active), Connection("Quiet", ConnectionStatus.Unverified) };
            db.Connections.AddRange(connections);
            await db.SaveChangesAsync();
            (acme, quiet) = (connections[0].Id, connections[1].Id);

            db.Messages.AddRange(
                Message(acme, MessageDirection.Inbound, MessageStatus.Received, now.AddMinutes(-2)),
                Message(acme, MessageDirection.Inbound, MessageStatus.Received, now.AddMinutes(-2)),
                Message(acme, MessageDirection.Inbound, MessageStatus.Received, now.AddDays(-2)),
                Message(acme, MessageDirection.Outbound, MessageStatus.Queued, now.AddMinutes(-30)),
                Message(acme, MessageDirection.Outbound, MessageStatus.Retrying, now.AddMinutes(-10)),
                Message(acme, MessageDirection.Outbound, MessageStatus.Failed, now.AddHours(-3), httpStatus: 400),
                Message(acme, MessageDirection.Outbound, MessageStatus.Failed, now.AddHours(-4), httpStatus: 400),
                Message(acme, MessageDirection.Outbound, MessageStatus.DeadLettered, now.AddHours(-5)),
                Message(acme, MessageDirection.Outbound, MessageStatus.Failed, now.AddDays(-2), httpStatus: 400));
            var delivered = Message(acme, MessageDirection.Outbound, MessageStatus.Delivered, now.AddMinutes(-1));
            delivered.Attempts.Add(new MessageAttempt { Attempt = 1, StartedAt = now.AddMinutes(-1).AddSeconds(2), DurationMs = 500, HttpStatus = 429, Outcome = AttemptOutcome.RateLimited });
            var windowEnds = now.AddMinutes(20);
            delivered.Attempts.Add(new MessageAttempt
            {
                Attempt = 2, StartedAt = now.AddMinutes(-1).AddSeconds(4), DurationMs = 1000, HttpStatus = 201, Outcome = AttemptOutcome.Delivered,
                RateLimitPerHour = 1_000, RateLimitResetAt = windowEnds,
            });
            // The instance's window began 40 minutes ago: an attempt before it does not count against it.
            var earlier = Message(acme, MessageDirection.Outbound, MessageStatus.Delivered, now.AddHours(-2));
            earlier.Attempts.Add(new MessageAttempt
            {
                Attempt = 1, StartedAt = now.AddMinutes(-45), DurationMs = 10, HttpStatus = 503, Outcome = AttemptOutcome.Uncertain,
                RateLimitPerHour = 500, RateLimitResetAt = now.AddMinutes(-40),
            });
            db.Messages.AddRange(delivered, earlier);
            await db.SaveChangesAsync();
        }

        var snapshot = await portal.Services.GetRequiredService<DashboardQueries>().ComputeAsync(default);

        var health = snapshot.Connections.Single(c => c.Id == acme);
        Assert.Equal(["Acme", "Quiet"], snapshot.Connections.Select(c => c.Name));
        Assert.Equal(2, health.Traffic.InPerMinute.Sum());
        Assert.Equal(3, health.Traffic.OutPerMinute.Sum()); // queued, retrying, delivered: in the last hour
        Assert.Equal(3, health.Traffic.InPerHour.Sum());
        var twoMinutesAgo = now.AddMinutes(-2);
        Assert.Equal(2, health.Traffic.InPerMinute[(int)(twoMinutesAgo.AddTicks(-(twoMinutesAgo.Ticks % TimeSpan.TicksPerMinute)) - snapshot.MinuteStart).TotalMinutes]);
        Assert.Equal(2, health.Delivery.Backlog);
        Assert.Equal(now.AddMinutes(-30), health.Delivery.OldestWaitingSince!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal([new FailureCount(MessageStatus.Failed, 400, 2), new FailureCount(MessageStatus.DeadLettered, null, 1)], health.Delivery.FailuresLastDay);
        Assert.Equal(new DeliveryTimes(1, 5_000, 5_000), health.Delivery.TimesLastHour); // arrived, 4 s to the second try, 1 s for its answer
        Assert.Equal(1, health.Delivery.RateLimitedLastHour);
        var headroom = health.Delivery.Headroom!;
        Assert.Equal((1_000L, 2L, 998L), (headroom.LimitPerHour, headroom.AttemptsInWindow, headroom.Left)); // the newest report; its window's two attempts
        Assert.Equal(now.AddMinutes(20), headroom.WindowEndsAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(now.AddMinutes(-2), health.LastInboundAt!.Value, TimeSpan.FromMilliseconds(1));
        var idle = snapshot.Connections.Single(c => c.Id == quiet);
        Assert.Equal((0, 0L, (DateTime?)null), (idle.Traffic.InPerHour.Sum() + idle.Traffic.OutPerHour.Sum(), idle.Delivery.Backlog, idle.LastOutboundAt));
        Assert.Null(idle.Delivery.Headroom);
    }

    [Fact]
    public void Percentiles_AreNearestRank()
    {
        var times = DashboardQueries.Percentiles([.. Enumerable.Range(1, 100).Select(i => (double)i)]);

        Assert.Equal(new DeliveryTimes(100, 50, 95), times);
        Assert.Null(DashboardQueries.Percentiles([]));
    }

    private static Connection Connection(string name, ConnectionStatus status) => new()
    {
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        InstanceUrl = "https://acme.service-now.com/",
        TimeZone = "UTC",
        Environment = "Test",
        AuthMode = "Basic",
        Tables = "incident",
        Status = status,
        CreatedBy = "test",
        UpdatedBy = "test",
    };

    private static Message Message(long connectionId, MessageDirection direction, MessageStatus status, DateTime at, int? httpStatus = null) => new()
    {
        ConnectionId = connectionId,
        Direction = direction,
        Status = status,
        ReceivedAt = at,
        HttpStatus = httpStatus,
        ResponseId = Guid.NewGuid().ToString("N"),
        Headers = "{}",
        Payload = "{}",
    };
}
