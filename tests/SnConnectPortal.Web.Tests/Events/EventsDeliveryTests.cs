using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>Events posted to the API, delivered by the worker to the sandbox ServiceNow over HTTP.</summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsDeliveryTests(EventsApiPortal portal)
{
    private static readonly MessageStatus[] Final = [MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered];

    [Fact]
    public async Task CreateEvent_BecomesOneIncident_WithTheEventIdAsCorrelationId_AndTheReportersMappedUserAsCaller()
    {
        var id = EventsApiPortal.NewEventId();

        var (response, body) = await portal.PostAsync(EventsApiPortal.Create(id, "Disk full on db-7", EventsApiPortal.MappedHubUser));
        var message = await portal.Host.WaitForStatusAsync(body.GetProperty("messageId").GetInt64(), Final);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(MessageStatus.Delivered, message.Status);
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, id));
        Assert.Equal((incident.GetProperty("sys_id").GetString(), incident.GetProperty("number").GetString()), (message.RecordSysId, message.Number));
        Assert.Equal(("Disk full on db-7", "2"), (incident.GetProperty("short_description").GetString(), incident.GetProperty("urgency").GetString()));
        Assert.Equal(portal.MappedSysId, ValueOf(incident.GetProperty("caller_id")));
    }

    [Fact]
    public async Task UpdateEvent_InTheSameBatchAsItsCreate_PatchesThatIncident_WithoutCreatingAnother()
    {
        var createId = EventsApiPortal.NewEventId();
        var updateId = EventsApiPortal.NewEventId();

        var (response, body) = await portal.PostAsync(new { events = new[] { EventsApiPortal.Create(createId, "Disk full on db-7"), Update(updateId, createId) } });
        var results = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("messageId").GetInt64()).ToList();
        var created = await portal.Host.WaitForStatusAsync(results[0], Final);
        var updated = await portal.Host.WaitForStatusAsync(results[1], Final);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((MessageStatus.Delivered, MessageStatus.Delivered), (created.Status, updated.Status));
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, createId));
        Assert.Equal((created.RecordSysId, created.Number), (updated.RecordSysId, updated.Number));
        Assert.Equal(("Disk full on db-7", "2", "Freed 20 GB"), (incident.GetProperty("short_description").GetString(),
            incident.GetProperty("state").GetString(), incident.GetProperty("description").GetString()));
        Assert.Equal(AttemptOutcome.Delivered, updated.Attempts[^1].Outcome);
        Assert.StartsWith("Updated ", updated.Attempts[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateEvent_BeforeItsCreate_WaitsWithoutCreating_ThenPatchesTheRecordOnceItExists()
    {
        var createId = EventsApiPortal.NewEventId();
        var updateId = EventsApiPortal.NewEventId();

        var postsBefore = await OutboundTestHost.IncidentPostsAsync(portal.Sandbox);

        var (_, updateBody) = await portal.PostAsync(Update(updateId, createId));
        var updateMessageId = updateBody.GetProperty("messageId").GetInt64();
        var waiting = await WaitForAttemptAsync(updateMessageId);
        var postsWhileWaiting = await OutboundTestHost.IncidentPostsAsync(portal.Sandbox) - postsBefore;
        await portal.PostAsync(EventsApiPortal.Create(createId, "Created after its update was sent"));
        var updated = await portal.Host.WaitForStatusAsync(updateMessageId, Final);

        Assert.Equal(MessageStatus.Retrying, waiting.Status);
        Assert.Equal(AttemptOutcome.AwaitingRecord, waiting.Attempts[0].Outcome);
        Assert.Contains($"No incident record has correlation_id {createId} yet", waiting.LastError, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Delivered, updated.Status);
        var incident = Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(portal.Sandbox, createId));
        Assert.Equal(("Created after its update was sent", "2"), (incident.GetProperty("short_description").GetString(), incident.GetProperty("state").GetString()));
        Assert.Equal(0, postsWhileWaiting); // the update posted no record of its own
    }

    [Fact]
    public async Task UpdateEvent_WhoseCreateNeverComes_IsDeadLetteredAfterTheLastAttempt_WithoutCreatingARecord()
    {
        await using var host = await OutboundTestHost.StartAsync(portal.Sandbox.BaseUrl, new Dictionary<string, string?> { ["Outbound:MaxAttempts"] = "2" });
        var key = await EventsApiPortal.CreateKeyAsync(host, "update sender", Features.ApiKeys.ApiKeyScopes.EventsWrite);
        var createId = EventsApiPortal.NewEventId();
        var postsBefore = await OutboundTestHost.IncidentPostsAsync(portal.Sandbox);

        var (_, body) = await EventsApiPortal.PostAsync(host, key, Update(EventsApiPortal.NewEventId(), createId));
        var message = await host.WaitForStatusAsync(body.GetProperty("messageId").GetInt64(), Final);

        Assert.Equal(MessageStatus.DeadLettered, message.Status);
        Assert.Equal([AttemptOutcome.AwaitingRecord, AttemptOutcome.AwaitingRecord], message.Attempts.Select(a => a.Outcome));
        Assert.StartsWith($"Gave up after 2 attempts. No incident record has correlation_id {createId} yet", message.LastError, StringComparison.Ordinal);
        Assert.Equal(postsBefore, await OutboundTestHost.IncidentPostsAsync(portal.Sandbox));
    }

    private static Dictionary<string, object?> Update(string id, string correlationId) => new()
    {
        ["id"] = id,
        ["connection"] = EventsApiPortal.ConnectionName,
        ["table"] = "incident",
        ["action"] = "update",
        ["correlationId"] = correlationId,
        ["fields"] = new Dictionary<string, string> { ["state"] = "2", ["description"] = "Freed 20 GB" },
    };

    private async Task<Message> WaitForAttemptAsync(long messageId)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var message = await portal.Host.MessageAsync(messageId);
            if (message.Attempts.Count > 0 && message.Status != MessageStatus.Sending)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < until, $"No attempt of message {messageId} was recorded within 10 s.");
            await Task.Delay(50);
        }
    }

    private static string? ValueOf(JsonElement field) =>
        field.ValueKind == JsonValueKind.Object ? field.GetProperty("value").GetString() : field.GetString();
}
