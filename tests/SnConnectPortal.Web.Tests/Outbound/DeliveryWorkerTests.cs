using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>
/// The delivery worker against the sandbox ServiceNow over HTTP, with the portal's real SQLite file: what each answer
/// does to the message, its attempts, and the records in the instance.
/// </summary>
public sealed class DeliveryWorkerTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string IncidentPath = "/api/now/table/incident";
    private readonly SandboxProcess _sandbox = fixture.Sandbox;

    [Fact]
    public async Task TestRecord_IsCreatedInServiceNow_AndTheMessageIsDelivered()
    {
        await _sandbox.ResetAsync();
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        var record = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, message.CorrelationId!));
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal((record.GetProperty("sys_id").GetString(), record.GetProperty("number").GetString(), 201),
            (message.RecordSysId, message.Number, message.HttpStatus));
        Assert.StartsWith("SnConnectPortal test record ", record.GetProperty("short_description").GetString(), StringComparison.Ordinal);
        var attempt = Assert.Single(message.Attempts);
        Assert.Equal((1, AttemptOutcome.Delivered, 201), (attempt.Attempt, attempt.Outcome, attempt.HttpStatus));
        Assert.Null(message.NextAttemptAt);
    }

    [Fact]
    public async Task BadRequest_FailsWithServiceNowsReason_AndIsNotAttemptedAgain()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", status = 400 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Failed, MessageStatus.Delivered, MessageStatus.DeadLettered);
        await Task.Delay(TimeSpan.FromMilliseconds(800)); // eight polls: a second attempt would have started
        message = await host.MessageAsync(queued.MessageId);
        Assert.Equal(MessageStatus.Failed, message.Status);
        var attempt = Assert.Single(message.Attempts);
        Assert.Equal((AttemptOutcome.Rejected, 400), (attempt.Outcome, attempt.HttpStatus));
        Assert.False(string.IsNullOrWhiteSpace(attempt.Detail));
        Assert.Contains("400", message.LastError, StringComparison.Ordinal);
        Assert.Equal(1, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task ServiceUnavailableTwice_RetriesWithBackoff_LooksUpFirst_ThenDeliversOneRecord()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", status = 503, count = 2 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([AttemptOutcome.Uncertain, AttemptOutcome.Uncertain, AttemptOutcome.Delivered], message.Attempts.Select(a => a.Outcome));
        Assert.Equal([503, 503, 201], message.Attempts.Select(a => a.HttpStatus ?? 0));
        Assert.True(message.Attempts[1].StartedAt - message.Attempts[0].StartedAt >= TimeSpan.FromMilliseconds(90), "no backoff before attempt 2");
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, message.CorrelationId!));
        var lookups = (await _sandbox.GetRequestsAsync()).EnumerateArray()
            .Count(r => r.GetProperty("method").GetString() == "GET" && r.GetProperty("query").GetString()!.Contains("correlation_id", StringComparison.Ordinal));
        Assert.True(lookups >= 2, $"Expected a correlation_id lookup before each retry, saw {lookups}.");
    }

    [Fact]
    public async Task InstanceRateLimitRule_IsRecordedOnTheAttempt_ForTheDashboardsHeadroom()
    {
        await _sandbox.ResetAsync();
        await _sandbox.SetRateLimitAsync(new { user = "snc.integration", perHour = 1_000 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        var attempt = Assert.Single(message.Attempts);
        Assert.Equal((AttemptOutcome.Delivered, 1_000L), (attempt.Outcome, attempt.RateLimitPerHour));
        Assert.InRange(attempt.RateLimitResetAt!.Value, attempt.StartedAt, attempt.StartedAt.AddHours(1).AddMinutes(1)); // the end of the instance's hourly window
    }

    [Fact]
    public async Task RateLimited_WaitsForRetryAfter_ThenDelivers()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", status = 429, retryAfterSeconds = 1, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([AttemptOutcome.RateLimited, AttemptOutcome.Delivered], message.Attempts.Select(a => a.Outcome));
        Assert.Equal(429, message.Attempts[0].HttpStatus);
        var waited = message.Attempts[1].StartedAt - message.Attempts[0].StartedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"Retry-After is 1 s (backoff 0.1 s), but attempt 2 came after {waited.TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task AlwaysUnavailable_IsDeadLetteredAfterMaxAttempts_WithNoRecord()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", status = 503 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.DeadLettered, MessageStatus.Failed, MessageStatus.Delivered);
        Assert.Equal(MessageStatus.DeadLettered, message.Status);
        Assert.Equal(OutboundTestHost.MaxAttempts, message.Attempts.Count);
        Assert.Equal(OutboundTestHost.MaxAttempts, message.AttemptCount);
        Assert.All(message.Attempts, a => Assert.Equal((AttemptOutcome.Uncertain, 503), (a.Outcome, a.HttpStatus)));
        Assert.StartsWith($"Gave up after {OutboundTestHost.MaxAttempts} attempts.", message.LastError, StringComparison.Ordinal);
        Assert.Null(message.NextAttemptAt);
        Assert.Empty(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, message.CorrelationId!));
    }

    [Fact]
    public async Task DroppedConnection_IsRetried_AfterALookupByCorrelationId()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", drop = true, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        Assert.Equal([AttemptOutcome.Uncertain, AttemptOutcome.Delivered], message.Attempts.Select(a => a.Outcome));
        Assert.Null(message.Attempts[0].HttpStatus);
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, message.CorrelationId!));
    }

    [Fact]
    public async Task FoundStillSendingAfterARestart_WithTheRecordAlreadyCreated_IsDeliveredByLookup_WithoutADuplicate()
    {
        await _sandbox.ResetAsync();
        var correlationId = Guid.NewGuid().ToString("N");
        using (var snow = OutboundTestHost.SandboxAdmin(_sandbox))
        {
            (await snow.PostAsync("api/now/table/incident", System.Net.Http.Json.JsonContent.Create(new { short_description = "created before the crash", correlation_id = correlationId })))
                .EnsureSuccessStatusCode();
        }

        var existing = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, correlationId));
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        long id;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // As a portal that was killed during attempt 1 left it: Sending, its claim expired.
            var message = new Message
            {
                ReceivedAt = DateTime.UtcNow.AddMinutes(-5),
                ConnectionId = host.ConnectionId,
                Direction = MessageDirection.Outbound,
                Status = MessageStatus.Sending,
                TableName = "incident",
                EventName = "test",
                CorrelationId = correlationId,
                ResponseId = Guid.NewGuid().ToString("N"),
                Headers = "{}",
                Payload = $$"""{"short_description":"created before the crash","correlation_id":"{{correlationId}}"}""",
                AttemptCount = 1,
                NextAttemptAt = DateTime.UtcNow.AddMinutes(-1),
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var delivered = await host.WaitForStatusAsync(id, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);

        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal((existing.GetProperty("sys_id").GetString(), existing.GetProperty("number").GetString()), (delivered.RecordSysId, delivered.Number));
        Assert.Equal([(1, AttemptOutcome.Interrupted), (2, AttemptOutcome.Found)], delivered.Attempts.Select(a => (a.Attempt, a.Outcome)));
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, correlationId));
        Assert.Equal(1, await OutboundTestHost.IncidentPostsAsync(_sandbox)); // only the test's own
    }

    [Fact]
    public async Task DisabledConnection_FailsWithAClearReason_WithoutCallingServiceNow()
    {
        await _sandbox.ResetAsync();
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Connections.Where(c => c.Id == host.ConnectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConnectionStatus.Disabled));
        }

        var queued = await SendTestRecordAsync(host);

        var message = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Failed, MessageStatus.Delivered, MessageStatus.DeadLettered);
        Assert.Equal(MessageStatus.Failed, message.Status);
        Assert.Contains("is disabled", message.LastError, StringComparison.Ordinal);
        Assert.Equal(AttemptOutcome.Failed, Assert.Single(message.Attempts).Outcome);
        Assert.Equal(0, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task CallerNamedByHubUser_IsResolvedAtDelivery_AndAnUnmappedOneFailsWithTheReason_UntilMappedAndRetried()
    {
        await _sandbox.ResetAsync();
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        using var admin = OutboundTestHost.SandboxAdmin(_sandbox);
        var adminUser = (await admin.GetFromJsonAsync<JsonElement>("api/now/table/sys_user?sysparm_query=user_name=admin")).GetProperty("result")[0];
        var adminSysId = adminUser.GetProperty("sys_id").GetString()!;
        long serviceNowUserId;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var imported = new ServiceNowUser
            {
                ConnectionId = host.ConnectionId, SysId = adminSysId, UserName = "admin", Name = "System Administrator", Active = true,
                NormalizedUserName = "ADMIN", NormalizedName = "SYSTEM ADMINISTRATOR",
            };
            db.ServiceNowUsers.Add(imported);
            await db.SaveChangesAsync();
            serviceNowUserId = imported.Id;
        }

        var (hubUserId, errors) = await host.Services.GetRequiredService<HubUsers>().CreateAsync(InboundTestData.Operator,
            new HubUserInput { DisplayName = "Agent Seven", Email = "agent7@hub.example", ExternalId = "agent-7" }, CancellationToken.None);
        Assert.Empty(errors);

        var queued = await SendTestRecordAsync(host, "agent-7");
        var unresolved = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Failed, MessageStatus.Delivered, MessageStatus.DeadLettered);

        Assert.Equal(MessageStatus.Failed, unresolved.Status);
        Assert.Equal(AttemptOutcome.Unresolved, Assert.Single(unresolved.Attempts).Outcome);
        Assert.Contains("caller_id: Agent Seven is not mapped to a ServiceNow user on this connection.", unresolved.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await OutboundTestHost.IncidentPostsAsync(_sandbox));

        var mapped = await host.Services.GetRequiredService<UserMappings>()
            .MapAsync(InboundTestData.Operator, host.ConnectionId, hubUserId!.Value, serviceNowUserId, CancellationToken.None);
        Assert.True(mapped.Succeeded, mapped.ErrorText);
        var retried = await host.Services.GetRequiredService<MessageRedelivery>().RetryAsync(InboundTestData.Operator, queued.MessageId, CancellationToken.None);
        Assert.True(retried.Succeeded, retried.ErrorText);
        var delivered = await host.WaitForStatusAsync(queued.MessageId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);

        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, delivered.CorrelationId!));
        var caller = incident.GetProperty("caller_id");
        Assert.Equal(adminSysId, caller.ValueKind == JsonValueKind.Object ? caller.GetProperty("value").GetString() : caller.GetString());
    }

    [Fact]
    public async Task RateLimit_StartsAtMostItsCountInAnyWindow_WithoutHoldingUpAnotherConnection()
    {
        await _sandbox.ResetAsync();
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        var other = await OutboundTestHost.CreateConnectionAsync(host.Services, _sandbox.BaseUrl, "Sandbox other");
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // Changed on the row while the worker runs, as the connection page would: two deliveries a second.
            await db.Connections.Where(c => c.Id == host.ConnectionId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.OutboundRateLimit, 2).SetProperty(c => c.OutboundRateLimitPeriod, RateLimitPeriod.Second));
        }

        List<long> pacedIds = [];
        for (var i = 0; i < 4; i++)
        {
            pacedIds.Add((await SendTestRecordAsync(host)).MessageId);
        }

        var otherId = (await SendTestRecordAsync(host, connectionId: other)).MessageId;

        List<DateTime> pacedStarts = [];
        foreach (var id in pacedIds)
        {
            var message = await host.WaitForStatusAsync(id, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
            Assert.Equal(MessageStatus.Delivered, message.Status);
            pacedStarts.Add(Assert.Single(message.Attempts).StartedAt);
        }

        var otherMessage = await host.WaitForStatusAsync(otherId, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        Assert.Equal(MessageStatus.Delivered, otherMessage.Status);
        var otherStart = Assert.Single(otherMessage.Attempts).StartedAt;
        var timeline = string.Join(", ", pacedStarts.Select(s => $"{(s - pacedStarts[0]).TotalMilliseconds:0} ms")) + $"; other at {(otherStart - pacedStarts[0]).TotalMilliseconds:0} ms";
        Assert.Equal(pacedStarts.Order(), pacedStarts); // queued in this order, delivered in this order
        // A burst of two, then each start waits until the start two before it has left the one-second window.
        Assert.All(pacedStarts.Zip(pacedStarts.Skip(2)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), timeline));
        Assert.True(otherStart < pacedStarts[^1], $"The other connection's message waited for the paced ones: {timeline}");
        Assert.Equal(5, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task RateLimited_HoldsOffTheWholeConnection_UntilRetryAfterHasPassed()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", status = 429, retryAfterSeconds = 1, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Outbound:DeliveriesInFlightPerConnection"] = "1", // so that the 429 comes before the others start
        });

        List<long> ids = [];
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SendTestRecordAsync(host)).MessageId);
        }

        List<MessageAttempt> attempts = [];
        foreach (var id in ids)
        {
            var message = await host.WaitForStatusAsync(id, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
            Assert.Equal(MessageStatus.Delivered, message.Status);
            attempts.AddRange(message.Attempts);
        }

        var refused = Assert.Single(attempts, a => a.Outcome == AttemptOutcome.RateLimited);
        var timeline = string.Join(", ", attempts.OrderBy(a => a.StartedAt).Select(a => $"{a.Outcome} at {(a.StartedAt - refused.StartedAt).TotalMilliseconds:0} ms"));
        Assert.All(attempts.Where(a => a != refused), a => Assert.True(a.StartedAt - refused.StartedAt >= TimeSpan.FromMilliseconds(950), timeline));
        Assert.Equal(4, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task SlowInstance_GetsFourDeliveriesAtOnce_AndNeverMore()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", latencyMs = 1000 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        List<long> ids = [];
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await SendTestRecordAsync(host)).MessageId);
        }

        List<(DateTime Start, DateTime End)> spans = [];
        foreach (var id in ids)
        {
            var message = await host.WaitForStatusAsync(id, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
            Assert.Equal(MessageStatus.Delivered, message.Status);
            var attempt = Assert.Single(message.Attempts);
            spans.Add((attempt.StartedAt, attempt.StartedAt.AddMilliseconds(attempt.DurationMs)));
        }

        var mostAtOnce = spans.Max(span => spans.Count(other => other.Start <= span.Start && span.Start < other.End));
        var timeline = string.Join(", ", spans.Select(s => $"{(s.Start - spans.Min(x => x.Start)).TotalMilliseconds:0}+{(s.End - s.Start).TotalMilliseconds:0} ms"));
        Assert.True(mostAtOnce == 4, $"{mostAtOnce} deliveries in flight at most (4 expected): {timeline}");
        Assert.Equal(6, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task Shutdown_ReleasesTheAttemptInFlight_AndTheNextStartDeliversOneRecord()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", hang = true });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Outbound:AttemptTimeoutSeconds"] = "20", // the stop, not the timeout, ends the attempt
        });
        var worker = host.Services.GetRequiredService<DeliveryWorker>();
        var id = (await SendTestRecordAsync(host)).MessageId;
        await host.WaitForStatusAsync(id, MessageStatus.Sending);

        await worker.StopAsync(CancellationToken.None);
        var released = await host.MessageAsync(id);
        await _sandbox.ClearFaultsAsync();
        await worker.StartAsync(CancellationToken.None);
        var delivered = await host.WaitForStatusAsync(id, MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);

        Assert.Equal(MessageStatus.Retrying, released.Status);
        Assert.True(released.NextAttemptAt <= DateTime.UtcNow, $"Released, but due only at {released.NextAttemptAt:O}.");
        Assert.Equal(AttemptOutcome.Interrupted, Assert.Single(released.Attempts).Outcome);
        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, delivered.CorrelationId!));
    }

    private static async Task<TestRecordQueued> SendTestRecordAsync(OutboundTestHost host, string? callerHubUser = null, long? connectionId = null)
    {
        var (queued, error) = await host.Services.GetRequiredService<TestRecordSender>()
            .SendAsync(InboundTestData.Operator, connectionId ?? host.ConnectionId, callerHubUser, CancellationToken.None);
        Assert.Null(error);
        return queued!;
    }
}
