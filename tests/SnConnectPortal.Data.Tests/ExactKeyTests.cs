using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace SnConnectPortal.Data.Tests;

/// <summary>Text that is an exact key matches only in its exact case on every provider (SQL Server's default collation ignores case).</summary>
public sealed class ExactKeyTests
{
    [Fact]
    public void SqlServerScript_GivesExactKeysABinaryCollation()
    {
        using var context = OfflineContext.Create(DatabaseProviders.SqlServer);

        var script = context.GetService<IMigrator>().GenerateScript();

        Assert.Contains("[ConnectionKey] nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[ExternalId] nvarchar(200) COLLATE Latin1_General_100_BIN2 NULL", script, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ExactKeys_DifferingOnlyInCase_AreDifferentKeys(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var at = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);
        await using (var seed = await factory.CreateDbContextAsync(timeout.Token))
        {
            var connection = new Connection
            {
                Name = "Keys", NormalizedName = "KEYS", InstanceUrl = "https://acme.service-now.com/", TimeZone = "UTC", Environment = "Test",
                AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Unverified, CreatedBy = "t", UpdatedBy = "t", CreatedAt = at, UpdatedAt = at,
            };
            seed.Connections.Add(connection);
            await seed.SaveChangesAsync(timeout.Token);
            seed.InboundEndpoints.Add(new InboundEndpoint { ConnectionId = connection.Id, ConnectionKey = "KeyAbC", UserName = "u", CreatedAt = at });
            seed.HubUsers.AddRange(NewHubUser("A1", at), NewHubUser("a1", at));
            await seed.SaveChangesAsync(timeout.Token);
        }

        await using var db = await factory.CreateDbContextAsync(timeout.Token);
        Assert.False(await db.InboundEndpoints.AnyAsync(e => e.ConnectionKey == "keyabc", timeout.Token));
        Assert.True(await db.InboundEndpoints.AnyAsync(e => e.ConnectionKey == "KeyAbC", timeout.Token));
        Assert.Equal(["A1"], await db.HubUsers.Where(u => u.ExternalId == "A1").Select(u => u.ExternalId).ToListAsync(timeout.Token));
    }

    private static HubUser NewHubUser(string externalId, DateTime at) => new()
    {
        ExternalId = externalId, DisplayName = "Agent " + externalId, NormalizedName = "AGENT " + externalId.ToUpperInvariant(),
        CreatedBy = "t", CreatedAt = at, UpdatedAt = at,
    };
}
