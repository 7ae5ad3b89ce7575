using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>
/// Wrong inbound passwords over real HTTP from different loopback addresses (127.0.0.x): throttled per client
/// address and per connection key before any hashing, hashing capped, bursts audited once, and a credential already
/// verified unaffected.
/// </summary>
public sealed class InboundAuthThrottleTests
{
    [Fact]
    public async Task WrongPasswordFlood_FromOneAddress_Gets429WithRetryAfter_WhileOtherAddressesAreStillHeard_AndVerifiedSendersCarryOn()
    {
        using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["Inbound:AuthAttemptsPerAddressPerMinute"] = "3", // one more every 20 s: none comes back during the test
            ["Inbound:AuthAttemptsPerEndpointPerMinute"] = "1000",
        });
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);
        using var verified = ClientFrom(portal, "127.0.0.2");
        using var attacker = ClientFrom(portal, "127.0.0.3");
        using var newcomer = ClientFrom(portal, "127.0.0.4");
        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(verified, endpoint, endpoint.Authorization));

        var flood = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            flood.Add(await PostAsync(attacker, endpoint, InboundTestEndpoint.Basic(endpoint.UserName, $"guess-{i}")));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), flood.Take(3).Select(r => r.StatusCode));
        Assert.All(flood.Skip(3), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode);
            Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        });
        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(verified, endpoint, endpoint.Authorization));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(newcomer, endpoint, InboundTestEndpoint.Basic(endpoint.UserName, "typo")));
        var audit = await AuditAsync(portal);
        var burst = Assert.Single(audit);
        Assert.Equal(("ClientAddress", "127.0.0.3"), (burst.EntityType, burst.EntityId));
        flood.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task WrongPasswords_ForOneEndpoint_FromManyAddresses_Get429OnceTheEndpointsBudgetIsSpent()
    {
        using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["Inbound:AuthAttemptsPerAddressPerMinute"] = "1000",
            ["Inbound:AuthAttemptsPerEndpointPerMinute"] = "3",
        });
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);
        var other = await InboundTestData.CreateEndpointAsync(portal.Services, "Other");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var client = ClientFrom(portal, $"127.0.0.{10 + i}");
            statuses.Add(await StatusAsync(client, endpoint, InboundTestEndpoint.Basic(endpoint.UserName, $"guess-{i}")));
        }

        using var someone = ClientFrom(portal, "127.0.0.99");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], statuses);
        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(someone, other, other.Authorization));
        var burst = Assert.Single(await AuditAsync(portal));
        Assert.Equal(("InboundEndpoint", endpoint.Key), (burst.EntityType, burst.EntityId));
    }

    [Fact]
    public async Task InventedKeys_FromManyAddresses_ShareOneBudget_ThatLeavesRealEndpointsAlone()
    {
        using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["Inbound:AuthAttemptsPerAddressPerMinute"] = "1000",
            ["Inbound:AuthAttemptsPerEndpointPerMinute"] = "3",
        });
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var client = ClientFrom(portal, $"127.0.0.{30 + i}");
            var invented = endpoint with { Key = $"invented-{i}" };
            statuses.Add(await StatusAsync(client, invented, invented.Authorization));
        }

        using var sender = ClientFrom(portal, "127.0.0.99");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)], statuses);
        Assert.Equal(HttpStatusCode.Accepted, await StatusAsync(sender, endpoint, endpoint.Authorization));
        var burst = Assert.Single(await AuditAsync(portal));
        Assert.Equal(("InboundEndpoint", "(unknown keys)"), (burst.EntityType, burst.EntityId));
    }

    [Fact]
    public async Task ManyDistinctWrongPasswordsAtOnce_BeyondTheHashQueue_Get503WithRetryAfter()
    {
        using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["Inbound:AuthAttemptsPerAddressPerMinute"] = "100000",
            ["Inbound:AuthAttemptsPerEndpointPerMinute"] = "100000",
            ["Inbound:AuthHashQueueLimit"] = "0",
        });
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);
        using var client = ClientFrom(portal, "127.0.0.5");

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            PostAsync(client, endpoint, InboundTestEndpoint.Basic(endpoint.UserName, $"guess-{i}"))));

        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(busy);
        Assert.All(busy, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable }));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    /// <summary>A client whose connections come from the given loopback address.</summary>
    private static HttpClient ClientFrom(KestrelPortal portal, string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = portal.BaseUrl };

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, InboundTestEndpoint endpoint, AuthenticationHeaderValue authorization)
    {
        using var response = await PostAsync(client, endpoint, authorization);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, InboundTestEndpoint endpoint, AuthenticationHeaderValue authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path)
        {
            Content = new StringContent(InboundTestData.IncidentPayload("INC0000001"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = authorization;
        return client.SendAsync(request);
    }

    private static async Task<List<AuditEntry>> AuditAsync(KestrelPortal portal)
    {
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == "inbound.auth-throttled").ToListAsync();
    }
}
