using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Tests.Outbound;
using Xunit.Abstractions;

namespace SnConnectPortal.Web.Tests.Events;

/// <summary>A full batch, on a portal of its own whose connection is disabled, so that its thousand messages reach no instance.</summary>
[Collection(EventsApiCollection.Name)]
public sealed class EventsApiBatchTests(EventsApiPortal portal, ITestOutputHelper output)
{
    [Fact]
    public async Task BatchOfAThousandEvents_IsStoredWhole_InOneRequest()
    {
        await using var host = await OutboundTestHost.StartAsync(portal.Sandbox.BaseUrl);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Connections.Where(c => c.Id == host.ConnectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ConnectionStatus.Disabled));
        }

        var key = await EventsApiPortal.CreateKeyAsync(host, "bulk sender", ApiKeyScopes.EventsWrite);
        var ids = Enumerable.Range(0, 1000).Select(_ => EventsApiPortal.NewEventId()).ToList();
        var stopwatch = Stopwatch.StartNew();

        var (response, body) = await EventsApiPortal.PostAsync(host, key, new { events = ids.Select(id => EventsApiPortal.Create(id)) });

        stopwatch.Stop();
        output.WriteLine($"1,000 events stored in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((1000, 0), (body.GetProperty("accepted").GetInt32(), body.GetProperty("refused").GetInt32()));
        await using var check = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1000, await check.Messages.CountAsync(m => m.EventId != null && ids.Contains(m.EventId)));
    }
}
