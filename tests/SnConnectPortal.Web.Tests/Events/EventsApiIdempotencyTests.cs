using System.Net;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>The same event id on the same connection is the same event: answered with its first result, stored once.</summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsApiIdempotencyTests(EventsApiPortal portal)
{
    [Fact]
    public async Task SameIdAgain_ReturnsTheFirstResult_AndStoresNothingNew()
    {
        var id = EventsApiPortal.NewEventId();
        var (firstResponse, first) = await portal.PostAsync(EventsApiPortal.Create(id, "first"));

        var (againResponse, again) = await portal.PostAsync(EventsApiPortal.Create(id, "changed content, same id"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (firstResponse.StatusCode, againResponse.StatusCode));
        Assert.Equal(first.GetProperty("messageId").GetInt64(), again.GetProperty("messageId").GetInt64());
        Assert.Equal(first.GetProperty("responseId").GetString(), again.GetProperty("responseId").GetString());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        var message = Assert.Single(await portal.MessagesOfEventAsync(id));
        Assert.Contains("\"first\"", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameIdTwiceInOneBatch_IsStoredOnce_AndBothGetItsMessage()
    {
        var id = EventsApiPortal.NewEventId();

        var (response, body) = await portal.PostAsync(new { events = new[] { EventsApiPortal.Create(id), EventsApiPortal.Create(id) } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var results = body.GetProperty("results").EnumerateArray().ToList();
        var message = Assert.Single(await portal.MessagesOfEventAsync(id));
        Assert.All(results, r => Assert.Equal(message.Id, r.GetProperty("messageId").GetInt64()));
        Assert.Equal([false, true], results.Select(r => r.TryGetProperty("duplicate", out var d) && d.GetBoolean()));
    }

    [Fact]
    public async Task SameIdSentByConcurrentRequests_IsStoredOnce_AndEveryAnswerNamesThatMessage()
    {
        var id = EventsApiPortal.NewEventId();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => portal.PostAsync(EventsApiPortal.Create(id))));

        var message = Assert.Single(await portal.MessagesOfEventAsync(id));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Response.StatusCode));
        Assert.All(answers, a => Assert.Equal(message.Id, a.Body.GetProperty("messageId").GetInt64()));
    }

    [Fact]
    public async Task SameIdSentByConcurrentRequests_OnPostgres_IsStoredOnce()
    {
        await using var database = await PostgresScratchDatabase.CreateAsync();
        await using var host = await OutboundTestHost.StartAsync(portal.Sandbox.BaseUrl, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = database.ConnectionString,
        });
        var key = await EventsApiPortal.CreateKeyAsync(host, "postgres sender", Features.ApiKeys.ApiKeyScopes.EventsWrite);
        var id = EventsApiPortal.NewEventId();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => EventsApiPortal.PostAsync(host, key, EventsApiPortal.Create(id))));

        var messages = await EventsApiPortal.MessagesOfEventAsync(host, id);
        var message = Assert.Single(messages);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Response.StatusCode));
        Assert.All(answers, a => Assert.Equal(message.Id, a.Body.GetProperty("messageId").GetInt64()));
    }
}
