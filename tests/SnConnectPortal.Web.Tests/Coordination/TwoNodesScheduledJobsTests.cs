using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.UserDirectory;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>Two portal nodes on one PostgreSQL database, both looking for due jobs every second, against the sandbox over HTTP.</summary>
public sealed class TwoNodesScheduledJobsTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
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

    [Fact]
    public async Task ScheduledSystemsCheck_OnTwoNodes_RunsOnce()
    {
        await using var database = await SharedDatabase.CreateAsync("Postgres");
        var settings = database.NodeSettings(new Dictionary<string, string?>
        {
            ["Connections:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Connections:AllowedInsecureHosts:0"] = "127.0.0.1",
            ["Alerts:ScheduleTickSeconds"] = "1",
        });
        await using var nodeA = new PortalFactory(settings);
        _ = nodeA.Services; // started first: it creates the schema and the key-ring certificate
        await using var nodeB = new PortalFactory(settings);
        _ = nodeB.Services;

        var connectionId = await AddScheduledConnectionAsync(nodeA.Services);

        // Both nodes tick every second; a check takes longer than that, so without the lease the other would start one too.
        var runs = 0;
        for (var waited = 0; waited < 60 && runs == 0; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            runs = await CountRunsAsync(nodeA.Services, connectionId, finished: true);
        }

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(1, runs);
        Assert.Equal(1, await CountRunsAsync(nodeB.Services, connectionId, finished: false));
    }

    private async Task<long> AddScheduledConnectionAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = new Connection
        {
            Name = "Scheduled",
            NormalizedName = "SCHEDULED",
            InstanceUrl = fixture.BaseUrl.AbsoluteUri,
            TimeZone = "UTC",
            Environment = "Test",
            AuthMode = "Basic",
            UserName = "snc.integration",
            Tables = "incident",
            Status = ConnectionStatus.Verified,
            ScheduledCheckMinutes = 60,
            CreatedBy = "test",
            UpdatedBy = "test",
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        db.ConnectionSecrets.Add(new ConnectionSecret
        {
            ConnectionId = connection.Id,
            Kind = SecretKind.Password,
            ProtectedValue = services.GetRequiredService<ConnectionSecretProtector>().Protect(connection.Id, SecretKind.Password, "snc-integration-pw"),
            SetBy = "test",
        });
        await db.SaveChangesAsync();
        return connection.Id;
    }

    private static async Task<int> CountRunsAsync(IServiceProvider services, long connectionId, bool finished)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.SystemsCheckRuns.CountAsync(r => r.ConnectionId == connectionId && (!finished || r.FinishedAt != null));
    }

    private static string Holder(DirectoryTestHost node) => node.Get<SnConnectPortal.Web.Coordination.NodeIdentity>().Name;
}
