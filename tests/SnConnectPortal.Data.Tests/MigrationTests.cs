using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

/// <summary>
/// What every provider's hand-written migrations must do, run against a real database of that provider:
/// build exactly the model's schema, and do nothing when run again.
/// </summary>
public abstract class MigrationTests
{
    private static readonly string[] AllMigrations = ["20261121000000_Initial", "20261121010000_Connections", "20261121020000_UserDirectory", "20261121030000_Messages", "20261121040000_SystemsChecks", "20261121050000_OutboundDelivery"];

    protected abstract IHost BuildHost();

    protected abstract Task<SchemaDescription> ReadDatabaseSchemaAsync(CancellationToken cancellationToken);

    [Fact]
    public async Task Start_FreshDatabase_MigratedSchemaEqualsModel()
    {
        using var timeout = TestTimeout.Start();
        using var host = BuildHost();

        await host.StartAsync(timeout.Token);

        await using var context = await CreateContextAsync(host, timeout.Token);
        SchemaAssert.Same(ModelSchemaReader.Read(context), await ReadDatabaseSchemaAsync(timeout.Token));
    }

    [Fact]
    public async Task Start_AlreadyMigrated_KeepsSchemaDataAndHistory()
    {
        using var timeout = TestTimeout.Start();
        using (var first = BuildHost())
        {
            await first.StartAsync(timeout.Token);
            await using var context = await CreateContextAsync(first, timeout.Token);
            context.AuditEntries.Add(NewAuditEntry(new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc)));
            await context.SaveChangesAsync(timeout.Token);
            await first.StopAsync(timeout.Token);
        }

        using var second = BuildHost();
        await second.StartAsync(timeout.Token);

        await using var check = await CreateContextAsync(second, timeout.Token);
        Assert.Equal(AllMigrations, await check.Database.GetAppliedMigrationsAsync(timeout.Token));
        Assert.Equal(1, await check.AuditEntries.CountAsync(timeout.Token));
        SchemaAssert.Same(ModelSchemaReader.Read(check), await ReadDatabaseSchemaAsync(timeout.Token));
    }

    [Fact]
    public async Task AuditEntry_SavedAndReadBack_TimestampIsUtcAndOrdersCorrectly()
    {
        using var timeout = TestTimeout.Start();
        using var host = BuildHost();
        await host.StartAsync(timeout.Token);
        var earlier = new DateTime(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);
        var later = earlier.AddMinutes(90);
        await using (var context = await CreateContextAsync(host, timeout.Token))
        {
            context.AuditEntries.AddRange(NewAuditEntry(later), NewAuditEntry(earlier));
            await context.SaveChangesAsync(timeout.Token);
        }

        await using var reader = await CreateContextAsync(host, timeout.Token);
        var read = await reader.AuditEntries
            .Where(entry => entry.OccurredAt >= earlier)
            .OrderBy(entry => entry.OccurredAt)
            .Select(entry => entry.OccurredAt)
            .ToListAsync(timeout.Token);

        Assert.Equal([earlier, later], read);
        Assert.All(read, occurredAt => Assert.Equal(DateTimeKind.Utc, occurredAt.Kind));
    }

    private static Task<PortalDbContext> CreateContextAsync(IHost host, CancellationToken cancellationToken) =>
        host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);

    private static AuditEntry NewAuditEntry(DateTime occurredAt) => new()
    {
        OccurredAt = occurredAt,
        Actor = "admin@example.test",
        Action = "ConnectionCreated",
        EntityType = "Connection",
        EntityId = "42",
        Details = """{"name":"Production"}""",
    };
}
