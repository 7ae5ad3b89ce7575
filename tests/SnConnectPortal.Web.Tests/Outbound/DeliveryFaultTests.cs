using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Tests.Events;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>
/// Events through <c>POST /api/events</c> to the sandbox when the instance's answers get lost: a create that hangs or
/// whose answer is dropped after the record was made, and a portal stopped with deliveries in flight. Exactly one
/// incident per event, counted by correlation_id in the sandbox.
/// </summary>
public sealed class DeliveryFaultTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string IncidentPath = "/api/now/table/incident";
    private static readonly MessageStatus[] Final = [MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered];
    private readonly SandboxProcess _sandbox = fixture.Sandbox;

    [Theory]
    [InlineData(false, AttemptOutcome.Delivered)] // hangs before the instance saw it: nothing found, created once
    [InlineData(true, AttemptOutcome.Found)] // created, then the answer hangs: found by correlation_id, not created again
    public async Task HangingCreate_TimesOut_ThenLooksUpTheCorrelationId_AndMakesOneIncident(bool afterProcessing, AttemptOutcome second)
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", hang = true, afterProcessing, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl, new Dictionary<string, string?> { ["Outbound:AttemptTimeoutSeconds"] = "1" });
        var id = EventsApiPortal.NewEventId();

        var message = await host.WaitForStatusAsync(await PostAsync(host, id), Final);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([AttemptOutcome.Uncertain, second], message.Attempts.Select(a => a.Outcome));
        Assert.Null(message.Attempts[0].HttpStatus);
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, id));
    }

    [Fact]
    public async Task CreatedButTheConnectionDropped_IsFoundByCorrelationId_NotCreatedAgain()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", drop = true, afterProcessing = true, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        var id = EventsApiPortal.NewEventId();

        var message = await host.WaitForStatusAsync(await PostAsync(host, id), Final);

        Assert.Equal([AttemptOutcome.Uncertain, AttemptOutcome.Found], message.Attempts.Select(a => a.Outcome));
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, id));
        Assert.Equal(1, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    [Fact]
    public async Task PortalStoppedWithDeliveriesInFlight_StartedAgainOnTheSameDatabase_DeliversEveryEventOnce()
    {
        await _sandbox.ResetAsync();
        // Every create is carried out, then answered only after 400 ms: a stop always finds some in flight, records made.
        await _sandbox.AddFaultAsync(new { pathPrefix = IncidentPath, method = "POST", latencyMs = 400, afterProcessing = true });
        var folder = Path.Combine(Path.GetTempPath(), "sncp-web-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Database:SqlitePath"] = Path.Combine(folder, "portal.db"),
            ["DataProtection:CertificatePath"] = Path.Combine(folder, "keyring-protection.pfx"),
        };
        var first = await OutboundTestHost.StartAsync(_sandbox.BaseUrl, settings);
        var key = await EventsApiPortal.CreateKeyAsync(first, "restart", ApiKeyScopes.EventsWrite);
        var ids = Enumerable.Range(0, 30).Select(_ => EventsApiPortal.NewEventId()).ToList();
        var (response, body) = await EventsApiPortal.PostAsync(first, key, new { events = ids.Select(id => EventsApiPortal.Create(id)) });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var messageIds = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("messageId").GetInt64()).ToList();
        await first.WaitForStatusAsync(messageIds[0], MessageStatus.Delivered);

        await first.DisposeAsync();
        await _sandbox.ClearFaultsAsync();
        var second = OutboundTestHost.Restart(first, settings);
        try
        {
            List<Message> messages = [];
            foreach (var messageId in messageIds)
            {
                messages.Add(await second.WaitForStatusAsync(messageId, Final));
            }

            Assert.All(messages, m => Assert.Equal(MessageStatus.Delivered, m.Status));
            Assert.Contains(messages, m => m.Attempts.Any(a => a.Outcome == AttemptOutcome.Interrupted));
            foreach (var id in ids)
            {
                Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, id));
            }
        }
        finally
        {
            await second.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> PostAsync(OutboundTestHost host, string id)
    {
        var key = await EventsApiPortal.CreateKeyAsync(host, "faults", ApiKeyScopes.EventsWrite);
        var (response, body) = await EventsApiPortal.PostAsync(host, key, EventsApiPortal.Create(id));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return body.GetProperty("messageId").GetInt64();
    }
}
