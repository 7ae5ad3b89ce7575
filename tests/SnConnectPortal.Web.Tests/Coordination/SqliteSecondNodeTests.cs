using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>SQLite serves one node: a second portal started on the same file while the first lives says so at start.</summary>
public sealed class SqliteSecondNodeTests
{
    [Fact]
    public async Task SecondNode_OnTheSameSqliteFile_WarnsAtStart_NamingTheFirstNode()
    {
        await using var database = await SharedDatabase.CreateAsync("Sqlite");
        using var logsA = new FakeLoggerProvider();
        using var logsB = new FakeLoggerProvider();
        using var rootA = new PortalFactory(database.NodeSettings());
        using var rootB = new PortalFactory(database.NodeSettings());
        await using var nodeA = rootA.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logsA)));
        await using var nodeB = rootB.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logsB)));

        var nameA = nodeA.Services.GetRequiredService<NodeIdentity>().Name;
        var nameB = nodeB.Services.GetRequiredService<NodeIdentity>().Name;

        var warning = Assert.Single(logsB.Collector.GetSnapshot(), r => r.Category == typeof(NodePresence).FullName && r.Level == LogLevel.Warning);
        Assert.Equal(
            $"Another portal node, {nameA}, is running on this SQLite database (this node is {nameB}). SQLite serves one node only: " +
            "run a single node on SQLite, or move to PostgreSQL or SQL Server to run several nodes.",
            warning.Message);
        Assert.DoesNotContain(logsA.Collector.GetSnapshot(), r => r.Category == typeof(NodePresence).FullName && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task NextNode_AfterAKilledNodeOfThisMachine_StartsWithoutTheWarning_ThoughItsLeaseHasNotLapsed()
    {
        await using var database = await SharedDatabase.CreateAsync("Sqlite");
        using var logsB = new FakeLoggerProvider();
        using (var first = new PortalFactory(database.NodeSettings()))
        {
            Assert.NotNull(first.Services.GetRequiredService<NodeIdentity>()); // creates the file
        }

        var options = new DbContextOptionsBuilder<PortalDbContext>();
        options.UsePortalDatabase(new DatabaseOptions { SqlitePath = database.NodeSettings()["Database:SqlitePath"]! }, Path.GetTempPath());
        await using (var db = new PortalDbContext(options.Options))
        {
            // As a portal killed on this machine leaves it: held by a process that no longer runs, for another 30 s.
            using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            await exited.WaitForExitAsync();
            var killed = $"{Environment.MachineName}:{exited.Id}:0a0b0c";
            var until = DateTime.UtcNow.AddSeconds(30);
            await db.JobLeases.Where(l => l.Name == NodePresence.SqliteNodeLease)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, killed).SetProperty(l => l.ExpiresAt, until));
        }

        using var rootB = new PortalFactory(database.NodeSettings());
        await using var nodeB = rootB.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logsB)));
        Assert.NotNull(nodeB.Services.GetRequiredService<NodeIdentity>());

        Assert.DoesNotContain(logsB.Collector.GetSnapshot(), r => r.Category == typeof(NodePresence).FullName && r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task NextNode_AfterTheFirstStopped_StartsWithoutTheWarning()
    {
        await using var database = await SharedDatabase.CreateAsync("Sqlite");
        using var logsB = new FakeLoggerProvider();
        using (var rootA = new PortalFactory(database.NodeSettings()))
        {
            Assert.NotNull(rootA.Services.GetRequiredService<NodeIdentity>());
        }

        using var rootB = new PortalFactory(database.NodeSettings());
        await using var nodeB = rootB.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logsB)));
        Assert.NotNull(nodeB.Services.GetRequiredService<NodeIdentity>());

        Assert.DoesNotContain(logsB.Collector.GetSnapshot(), r => r.Category == typeof(NodePresence).FullName && r.Level == LogLevel.Warning);
    }
}
