using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Tests.Browser;

namespace SnConnectPortal.Web.Tests.MultiNode;

/// <summary>Two nodes behind nginx on one PostgreSQL database, one of them killed while events arrive.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeDeliveryTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private const int Events = 2_000;
    private const int Batch = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task EventsSentThroughNginx_WhileOneNodeIsKilled_AreEachDeliveredExactlyOnce()
    {
        await using var nodes = await PortalNodes.StartAsync(sandbox.BaseUrl, count: 2);
        using var client = nodes.EventsClient();
        var prefix = $"multinode-{Guid.NewGuid():N}-";
        var batches = Enumerable.Range(0, Events / Batch).ToList();
        var victim = nodes.Nodes[0];

        // Two senders, as a hub would send; half-way through, node 1 dies with events in its hands.
        var sent = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, ct) =>
        {
            if (Interlocked.Increment(ref sent) == batches.Count / 2)
            {
                await victim.KillAsync();
            }

            var body = new { events = Enumerable.Range(batch * Batch, Batch).Select(i => nodes.CreateEvent(prefix + i.ToString(CultureInfo.InvariantCulture), $"Node event {i}")) };
            await SendUntilAcceptedAsync(client, body, Batch, ct);
        });

        await using var db = nodes.Database();
        var deadline = DateTime.UtcNow + Deadline;
        int delivered;
        while ((delivered = await db.Messages.CountAsync(m => m.EventId!.StartsWith(prefix) && m.Status == MessageStatus.Delivered)) < Events
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        var stored = await db.Messages.CountAsync(m => m.EventId!.StartsWith(prefix));
        Assert.Equal(Events, stored);
        Assert.Equal(Events, delivered);
        var incidents = await IncidentCorrelationIdsAsync(prefix);
        Assert.Equal(Events, incidents.Count);
        Assert.Equal(Events, incidents.Distinct().Count());
    }

    /// <summary>
    /// Sends a batch until every event in it is accepted. An answer lost with the killed node (a reset connection, a
    /// 502 from nginx) is sent again: an event id already stored is the same event, so nothing is stored twice.
    /// </summary>
    private static async Task SendUntilAcceptedAsync(HttpClient client, object body, int count, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/api/events", body, ct);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    Assert.Equal(count, answer.GetProperty("accepted").GetInt32());
                    return;
                }

                Assert.True(response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"POST /api/events answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                // The node died mid-answer.
            }

            Assert.True(attempt < 5, "the batch was refused five times");
            await Task.Delay(200, ct);
        }
    }

    private async Task<List<string?>> IncidentCorrelationIdsAsync(string prefix)
    {
        using var admin = new HttpClient { BaseAddress = sandbox.BaseUrl };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
        admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var page = await admin.GetFromJsonAsync<JsonElement>(
            $"api/now/table/incident?sysparm_query=correlation_idSTARTSWITH{prefix}&sysparm_fields=correlation_id&sysparm_limit=10000");
        return page.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("correlation_id").GetString()).ToList();
    }
}
