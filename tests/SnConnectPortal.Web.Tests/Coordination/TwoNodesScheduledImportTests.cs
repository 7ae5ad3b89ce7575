using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Tests.UserDirectory;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>Two portal nodes on one PostgreSQL database, both scheduling imports every second from the sandbox over HTTP.</summary>
public sealed class TwoNodesScheduledImportTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task ScheduledImport_OnTwoNodes_RunsOnce_OnTheNodeHoldingTheLease()
    {
        await fixture.Sandbox.ResetAsync();
        await using var database = await SharedDatabase.CreateAsync("Postgres");
        var settings = database.NodeSettings(new Dictionary<string, string?>
        {
            ["Directory:IncrementalImportInterval"] = "01:00:00",
            ["Directory:SchedulerPollInterval"] = "00:00:01",
        });
        await using var nodeA = await DirectoryTestHost.StartAsync(fixture.Sandbox, settings);
        await using var nodeB = await DirectoryTestHost.StartAsync(fixture.Sandbox, settings, nodeA.ConnectionId);

        // Both nodes look for due imports every second; give them a few seconds beyond the import's end.
        UserImportRun? finished = null;
        for (var waited = 0; waited < 60 && finished is null; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await using var db = await nodeA.DbAsync();
            finished = await db.UserImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == UserImportStatus.Completed);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.NotNull(finished);
        await using var check = await nodeB.DbAsync();
        var runs = await check.UserImportRuns.AsNoTracking().Select(r => new { r.ConnectionId, r.Kind, r.StartedBy }).ToListAsync();
        Assert.Equal([new { ConnectionId = nodeA.ConnectionId, Kind = UserImportKind.Full, StartedBy = "schedule" }], runs);
        var lease = await check.JobLeases.AsNoTracking().SingleAsync(l => l.Name == UserImportScheduler.Job);
        Assert.Contains(lease.Holder, new[] { Holder(nodeA), Holder(nodeB) });
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "userimport.started"));
    }

    private static string Holder(DirectoryTestHost node) => node.Get<SnConnectPortal.Web.Coordination.NodeIdentity>().Name;
}
