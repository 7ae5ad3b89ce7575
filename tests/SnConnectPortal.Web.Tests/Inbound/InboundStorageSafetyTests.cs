using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Operations.Telemetry;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>
/// Values that a database refuses (a NUL character on PostgreSQL, half of a surrogate pair left by cutting a value to
/// its column) must not fail the group-commit batch they share with other senders' messages: on SQLite and on a real
/// PostgreSQL server.
/// </summary>
public sealed class InboundStorageSafetyTests : IAsyncLifetime
{
    private PostgresScratchDatabase _postgres = default!;

    public async Task InitializeAsync() => _postgres = await PostgresScratchDatabase.CreateAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Post_NulAndASurrogatePairAtTheColumnLimit_AreStoredSafely_AlongsideTheOthersInTheBatch(string provider)
    {
        using var portal = new KestrelPortal(Settings(provider));
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);
        using var client = new HttpClient { BaseAddress = portal.BaseUrl };
        var correlationAtTheLimit = new string('c', 99) + "\U0001F600"; // 101 UTF-16 units: a cut at 100 would split the pair
        var bodies = Enumerable.Range(0, 30).Select(i => InboundTestData.IncidentPayload($"INC{i:D7}"))
            .Append("""{"table":"incident","number":"INC\u0000NUL","record":{"short_description":"a\u0000b"}}""")
            .Append($$"""{"table":"incident","number":"INCPAIR","correlation_id":"{{correlationAtTheLimit}}"}""")
            .ToList();

        var statuses = await Task.WhenAll(bodies.Select(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = endpoint.Authorization;
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Accepted, s));
        var stored = await InboundTestData.MessagesAsync(portal.Services);
        Assert.Equal(bodies.Count, stored.Count);
        Assert.Contains(stored, m => m.Number == "INC\\u0000NUL" && m.Payload.Contains("a\\u0000b", StringComparison.Ordinal));
        var pair = Assert.Single(stored, m => m.Number == "INCPAIR");
        Assert.Equal(new string('c', 99) + StoredText.CutMarker, pair.CorrelationId);
        Assert.Contains(correlationAtTheLimit, pair.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_ABatchHoldingAValuePostgresRefuses_StoresTheOthers_AndRefusesOnlyThatOne()
    {
        using var portal = new KestrelPortal(Settings("Postgres"));
        var connectionId = await InboundTestData.CreateConnectionAsync(portal.Services);
        using var writer = new MessageWriter(portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
            portal.Services.GetRequiredService<MessageNotifier>(), portal.Services.GetRequiredService<PortalMetrics>(),
            Options.Create(new InboundOptions()), TimeProvider.System, NullLogger<MessageWriter>.Instance);
        var good = Enumerable.Range(0, 10).Select(i => Pending(connectionId, $"INC{i:D7}")).ToList();
        var bad = Pending(connectionId, "INC\0"); // bypasses StoredText, as a value nobody foresaw would
        var writes = good.Append(bad).Select(m => writer.WriteAsync(m, CancellationToken.None)).ToList();

        await writer.StartAsync(CancellationToken.None); // all eleven are queued, so they form one batch

        var refused = await Assert.ThrowsAsync<MessageRefusedException>(() => writes[^1]);
        Assert.Equal(10, (await Task.WhenAll(writes.Take(10))).Distinct().Count());
        Assert.Equal(good.Select(m => m.Metadata.Number), (await InboundTestData.MessagesAsync(portal.Services)).Select(m => m.Number));
        Assert.Contains("22021", refused.InnerException?.ToString(), StringComparison.Ordinal);
        await writer.StopAsync(CancellationToken.None);
    }

    private Dictionary<string, string?> Settings(string provider) => provider == "Postgres"
        ? new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = _postgres.ConnectionString }
        : new() { ["Database:Provider"] = "Sqlite" };

    private static PendingMessage Pending(long connectionId, string number) => new()
    {
        ConnectionId = connectionId,
        ReceivedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
        ReceivedTimestamp = TimeProvider.System.GetTimestamp(),
        ResponseId = Guid.CreateVersion7().ToString("N"),
        Metadata = new InboundMetadata { Table = "incident", Number = number },
        Headers = "{}",
        Payload = "{}",
        PayloadBytes = 2,
    };
}
