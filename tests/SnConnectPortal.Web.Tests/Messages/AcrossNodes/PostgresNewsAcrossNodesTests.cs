using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Messages.AcrossNodes;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Messages.AcrossNodes;

/// <summary>
/// Two portal nodes in this process on one real PostgreSQL database: node A receives inbound messages over HTTP, and
/// a subscriber of node B's notifier (as the message view is) is told through LISTEN/NOTIFY.
/// </summary>
public sealed class PostgresNewsAcrossNodesTests : IAsyncLifetime
{
    /// <summary>The live view's target on one node: 202 to row visible (README, Known limitations).</summary>
    private static readonly TimeSpan Bar = TimeSpan.FromSeconds(1);

    private PostgresScratchDatabase _database = default!;
    private PortalFactory _nodeA = default!;
    private PortalFactory _nodeB = default!;
    private HttpClient _client = default!;
    private InboundTestEndpoint _endpoint = default!;

    public async Task InitializeAsync()
    {
        _database = await PostgresScratchDatabase.CreateAsync();
        Dictionary<string, string?> settings = new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _database.ConnectionString,
        };
        _nodeA = new PortalFactory(settings);
        _endpoint = await InboundTestData.CreateEndpointAsync(_nodeA.Services); // starts node A, which migrates the database
        // Node B: the same database and key ring.
        _nodeB = new PortalFactory(new Dictionary<string, string?>(settings)
        {
            ["DataProtection:CertificatePath"] = Path.Combine(Path.GetDirectoryName(_nodeA.DatabasePath)!, "keyring-protection.pfx"),
        });
        _ = _nodeB.Services;
        _client = _nodeA.CreateClient();
        await WaitForListenersAsync(except: []);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _nodeB.Dispose();
        _nodeA.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task MessageReceivedByNodeA_IsToldToNodeB_WithinTheBar()
    {
        using var nodeB = new NewsRecorder(_nodeB.Services.GetRequiredService<MessageNotifier>());

        await PostAsync("INC0000001");
        var accepted = Stopwatch.GetTimestamp();

        var told = await nodeB.WaitUntilAsync(r => r.FromOtherNodes == 1, TimeSpan.FromSeconds(10));
        Assert.InRange(Stopwatch.GetElapsedTime(accepted, told), TimeSpan.Zero, Bar);
        var news = Assert.Single(nodeB.News);
        Assert.True(news.FromOtherNode && news.Concerns(_endpoint.ConnectionId) && !news.Concerns(_endpoint.ConnectionId + 1));
    }

    [Fact]
    public async Task ManyMessagesAtOnce_NodeBIsToldOfEachOnce_AndReReadingOnTheNewsFindsEachOnce()
    {
        using var nodeB = new NewsRecorder(_nodeB.Services.GetRequiredService<MessageNotifier>());

        string[] first = [await PostAsync("INC0000000")]; // then the credential is verified, and the rest come at once
        var responseIds = first.Concat(await Task.WhenAll(Enumerable.Range(1, 59).Select(i => PostAsync($"INC{i:D7}")))).ToList();

        await nodeB.WaitUntilAsync(r => r.FromOtherNodes >= responseIds.Count, TimeSpan.FromSeconds(10));
        // What the message view does on news: read the messages again, on node B.
        var reread = await InboundTestData.MessagesAsync(_nodeB.Services);
        Assert.Equal(responseIds.Order(StringComparer.Ordinal), reread.Select(m => m.ResponseId).Order(StringComparer.Ordinal));
        await Task.Delay(300); // a late duplicate would come now
        Assert.Equal(responseIds.Count, nodeB.FromOtherNodes);
    }

    [Fact]
    public async Task SendingNode_IsToldOfItsOwnMessagesOnce_NotAgainThroughTheDatabase()
    {
        using var nodeA = new NewsRecorder(_nodeA.Services.GetRequiredService<MessageNotifier>());
        using var nodeB = new NewsRecorder(_nodeB.Services.GetRequiredService<MessageNotifier>());

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => PostAsync($"INC{i:D7}")));

        await nodeB.WaitUntilAsync(r => r.FromOtherNodes == 10, TimeSpan.FromSeconds(10));
        await Task.Delay(300); // node A's listener got the same notifications as node B's
        Assert.All(nodeA.News, n => Assert.False(n.FromOtherNode));
        Assert.Equal(10, nodeA.News.Sum(n => n.Count));
    }

    [Fact]
    public async Task ListeningConnectionKilled_NodeBListensAgain_RereadsOnce_AndNewsFlowsAgain()
    {
        using var nodeB = new NewsRecorder(_nodeB.Services.GetRequiredService<MessageNotifier>());

        var killed = await TerminateListenersAsync();

        Assert.Equal(2, killed.Count);
        await WaitForListenersAsync(except: killed);
        await nodeB.WaitUntilAsync(r => r.News.Any(n => n.FromOtherNode && n.AnyConnection), TimeSpan.FromSeconds(10));
        await PostAsync("INC0000002");
        var accepted = Stopwatch.GetTimestamp();
        var told = await nodeB.WaitUntilAsync(r => r.FromOtherNodes == 1, TimeSpan.FromSeconds(10));
        Assert.InRange(Stopwatch.GetElapsedTime(accepted, told), TimeSpan.Zero, Bar);
    }

    private async Task<string> PostAsync(string number)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.Path)
        {
            Content = new StringContent(InboundTestData.IncidentPayload(number), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = _endpoint.Authorization;
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responseId").GetString()!;
    }

    private async Task<List<int>> TerminateListenersAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        find.Parameters.AddWithValue("name", PostgresNewsListener.ApplicationName);
        var pids = await ReadPidsAsync(find);
        foreach (var pid in pids) // one by one: only these backends, whatever order the server would evaluate a filter in
        {
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
            terminate.Parameters.AddWithValue("pid", pid);
            Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
        }

        return pids;
    }

    /// <summary>Until both nodes' listening connections (other than <paramref name="except"/>) have run LISTEN.</summary>
    private async Task WaitForListenersAsync(IReadOnlyCollection<int> except)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name AND query LIKE 'LISTEN%'", connection);
            command.Parameters.AddWithValue("name", PostgresNewsListener.ApplicationName);
            if ((await ReadPidsAsync(command)).Count(pid => !except.Contains(pid)) == 2)
            {
                return;
            }

            Assert.True(Stopwatch.GetTimestamp() < deadline, "The two nodes' listening connections did not appear in 10 s.");
            await Task.Delay(25);
        }
    }

    private static async Task<List<int>> ReadPidsAsync(NpgsqlCommand command)
    {
        List<int> pids = [];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }
}
