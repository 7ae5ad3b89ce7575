using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data.RowWriters;

namespace SnConnectPortal.Data.Tests;

/// <summary>Setting a table's secondary indexes aside for a bulk load into an empty table, and building them again.</summary>
public sealed class SecondaryIndexesTests
{
    private static readonly string[] UserIndexes =
    [
        "IX_ServiceNowUsers_ConnectionId_NormalizedEmail",
        "IX_ServiceNowUsers_ConnectionId_NormalizedName",
        "IX_ServiceNowUsers_ConnectionId_NormalizedUserName",
    ];

    [Fact]
    public void RestoreSql_CreatesTheModelsNonUniqueIndexes_IfMissing()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Sqlite);

        var sql = SecondaryIndexes.CreateSql(context, typeof(ServiceNowUser));

        Assert.Equal(
            UserIndexes.Select(name => $"CREATE INDEX IF NOT EXISTS \"{name}\" ON \"ServiceNowUsers\" (\"ConnectionId\", \"{name["IX_ServiceNowUsers_ConnectionId_".Length..]}\")"),
            sql.Order(StringComparer.Ordinal));
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Defer_OnAnEmptyTable_DropsTheNonUniqueIndexes_AndRestoreGivesBackTheMigratedSchema(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var migrated = await database.ReadSchemaAsync(timeout.Token);
        await using var context = await factory.CreateDbContextAsync(timeout.Token);

        var deferred = await SecondaryIndexes.DeferAsync<ServiceNowUser>(context, timeout.Token);

        var during = await database.ReadSchemaAsync(timeout.Token);
        if (provider != DatabaseProviders.SqlServer)
        {
            Assert.True(deferred);
            Assert.Equal(UserIndexes, migrated.Facts.Except(during.Facts).Select(f => f.Split(' ')[2]).Order(StringComparer.Ordinal));
            Assert.Empty(during.Facts.Except(migrated.Facts));
        }
        else
        {
            Assert.False(deferred);
            Assert.Equal(migrated.Facts, during.Facts);
        }

        await SecondaryIndexes.RestoreAsync<ServiceNowUser>(context, timeout.Token);
        await SecondaryIndexes.RestoreAsync<ServiceNowUser>(context, timeout.Token);

        Assert.Equal(migrated.Facts, (await database.ReadSchemaAsync(timeout.Token)).Facts);
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Defer_OnATableWithRows_KeepsItsIndexes(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var context = await factory.CreateDbContextAsync(timeout.Token);
        var connection = new Connection
        {
            Name = "A", NormalizedName = "A", InstanceUrl = "https://a.service-now.com/", TimeZone = "UTC", Environment = "Test",
            AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Verified, CreatedBy = "t", UpdatedBy = "t",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        context.Connections.Add(connection);
        await context.SaveChangesAsync(timeout.Token);
        context.ServiceNowUsers.Add(new ServiceNowUser { ConnectionId = connection.Id, SysId = "a1", ImportedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        await context.SaveChangesAsync(timeout.Token);
        var migrated = await database.ReadSchemaAsync(timeout.Token);

        Assert.False(await SecondaryIndexes.DeferAsync<ServiceNowUser>(context, timeout.Token));

        Assert.Equal(migrated.Facts, (await database.ReadSchemaAsync(timeout.Token)).Facts);
    }
}
