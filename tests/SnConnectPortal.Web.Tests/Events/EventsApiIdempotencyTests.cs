using System.Net;
using System.Net.Http.Json;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Tests.Infrastructure;
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
    public async Task SameIdSentAtOnceToTwoNodes_OnOnePostgresDatabase_IsStoredOnce_AndEveryAnswerNamesThatMessage()
    {
        await using var database = await PostgresScratchDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = database.ConnectionString };
        await using var node1 = await OutboundTestHost.StartAsync(portal.Sandbox.BaseUrl, settings);
        // The second node: the same database and key ring, so it knows node 1's connection, key and secrets.
        await using var node2 = new PortalFactory(new Dictionary<string, string?>(settings)
        {
            ["DataProtection:CertificatePath"] = Path.Combine(Path.GetDirectoryName(node1.Factory.DatabasePath)!, "keyring-protection.pfx"),
        });
        var key = await EventsApiPortal.CreateKeyAsync(node1, "postgres sender", Features.ApiKeys.ApiKeyScopes.EventsWrite);
        var id = EventsApiPortal.NewEventId();
        using var client1 = EventsApiPortal.KeyClient(node1.Factory, key);
        using var client2 = EventsApiPortal.KeyClient(node2, key);

        // Each round, both nodes store the same new id at once; whichever loses the race meets the unique index.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? client1 : client2)
            .PostAsJsonAsync("/api/events", EventsApiPortal.Create(id))));

        var message = Assert.Single(await EventsApiPortal.MessagesOfEventAsync(node1, id));
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(message.Id, body.GetProperty("messageId").GetInt64());
        }
    }
}
