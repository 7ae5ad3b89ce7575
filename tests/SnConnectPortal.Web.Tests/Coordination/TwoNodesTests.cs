using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Coordination;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>Two portal nodes in-process on one real PostgreSQL database: what one changes, the other obeys.</summary>
public sealed class TwoNodesTests : IAsyncLifetime
{
    private SharedDatabase _database = default!;
    private PortalFactory _nodeA = default!;
    private PortalFactory _nodeB = default!;

    public async Task InitializeAsync()
    {
        _database = await SharedDatabase.CreateAsync("Postgres");
        var settings = new Dictionary<string, string?> { ["Coordination:LeaseSeconds"] = "3" };
        _nodeA = new PortalFactory(_database.NodeSettings(settings));
        _ = _nodeA.Services; // started first: it creates the schema and the key-ring certificate
        _nodeB = new PortalFactory(_database.NodeSettings(settings));
        _ = _nodeB.Services;
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task InboundPassword_ReplacedOnNodeA_IsRefusedByNodeB_WithinTwoSeconds()
    {
        var old = await InboundTestData.CreateEndpointAsync(_nodeA.Services);
        using var clientB = _nodeB.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(clientB, old)); // node B now remembers the old password

        var rotated = await InboundTestData.RotateAsync(_nodeA.Services, old.ConnectionId);
        var sinceRotation = Stopwatch.StartNew();
        var answer = await PostAsync(clientB, old);
        while (answer == HttpStatusCode.Accepted && sinceRotation.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            answer = await PostAsync(clientB, old);
        }

        var refusedAfter = sinceRotation.Elapsed;
        Assert.Equal(HttpStatusCode.Unauthorized, answer);
        Assert.True(refusedAfter < TimeSpan.FromSeconds(2), $"node B accepted the replaced password for {refusedAfter.TotalMilliseconds:F0} ms");
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(clientB, rotated));
    }

    [Fact]
    public async Task ApiKey_RevokedOnNodeA_IsRefusedByNodeB()
    {
        var administration = _nodeA.Services.GetRequiredService<ApiKeyAdministration>();
        var admin = InboundTestData.Admin;
        var created = await administration.CreateAsync(admin, new NewApiKey { Name = "monitor", Scopes = [ApiKeyScopes.MonitorRead] }, CancellationToken.None);
        Assert.True(created.Succeeded, created.ErrorText);
        using var clientB = _nodeB.CreateClient();
        clientB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Value!.Key);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync(new Uri("/health/details", UriKind.Relative))).StatusCode);

        Assert.True((await administration.RevokeAsync(admin, created.Value.Id, CancellationToken.None)).Succeeded);

        Assert.Equal(HttpStatusCode.Unauthorized, (await clientB.GetAsync(new Uri("/health/details", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task JobLease_HeldByNodeA_IsTakenOverByNodeB_OnceNodeAStopsRenewing()
    {
        var leasesA = _nodeA.Services.GetRequiredService<JobLeases>();
        var leasesB = _nodeB.Services.GetRequiredService<JobLeases>();
        var nameA = _nodeA.Services.GetRequiredService<NodeIdentity>().Name;
        var bRanMeanwhile = new List<bool>();

        // Node A works for 4.5 seconds under a three-second lease, renewing it every second; then it stops renewing, as a dead node would.
        var aRan = await leasesA.RunAsync("two-nodes", TimeSpan.Zero, async cancellationToken =>
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
                bRanMeanwhile.Add(await leasesB.RunAsync("two-nodes", TimeSpan.Zero, _ => Task.CompletedTask, cancellationToken));
            }
        }, CancellationToken.None);
        var holderAtOnce = await leasesB.TryTakeAsync("two-nodes", TimeSpan.FromSeconds(3), CancellationToken.None);
        var sinceStop = Stopwatch.StartNew();
        var bRan = false;
        while (!bRan && sinceStop.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(200);
            bRan = await leasesB.RunAsync("two-nodes", TimeSpan.Zero, _ => Task.CompletedTask, CancellationToken.None);
        }

        Assert.True(aRan);
        Assert.Equal([false, false, false], bRanMeanwhile);
        Assert.Equal(nameA, holderAtOnce);
        Assert.True(bRan, "node B never took the job over");
        Assert.InRange(sinceStop.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4.5));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, InboundTestEndpoint endpoint)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path)
        {
            Content = new StringContent(InboundTestData.IncidentPayload("INC0000001"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = endpoint.Authorization;
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
