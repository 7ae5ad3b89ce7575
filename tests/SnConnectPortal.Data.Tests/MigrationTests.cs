using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SnConnectPortal.Data.RowWriters;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

/// <summary>
/// What every provider's generated migrations must do, run against a real database of each provider the tests are
/// given (<see cref="TestDatabases.All"/>): build exactly the model's schema, and do nothing when run again; and
/// what the data layer's own writes must do there.
/// </summary>
public sealed class MigrationTests
{
    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_FreshDatabase_MigratedSchemaEqualsModel(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();

        await host.StartAsync(timeout.Token);

        await using var context = await CreateContextAsync(host, timeout.Token);
        SchemaAssert.Same(ModelSchemaReader.Read(context), await database.ReadSchemaAsync(timeout.Token));
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_AlreadyMigrated_KeepsSchemaDataAndHistory(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using (var first = database.BuildHost())
        {
            await first.StartAsync(timeout.Token);
            await using var context = await CreateContextAsync(first, timeout.Token);
            context.AuditEntries.Add(NewAuditEntry(new DateTime(2026, 11, 21, 9, 30, 0, DateTimeKind.Utc)));
            await context.SaveChangesAsync(timeout.Token);
            await first.StopAsync(timeout.Token);
        }

        using var second = database.BuildHost();
        await second.StartAsync(timeout.Token);

        await using var check = await CreateContextAsync(second, timeout.Token);
        var applied = await check.Database.GetAppliedMigrationsAsync(timeout.Token);
        Assert.Equal(check.Database.GetMigrations(), applied);
        Assert.Equal(1, await check.AuditEntries.CountAsync(timeout.Token));
        SchemaAssert.Same(ModelSchemaReader.Read(check), await database.ReadSchemaAsync(timeout.Token));
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AuditEntry_SavedAndReadBack_TimestampIsUtcAndOrdersCorrectly(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
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

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task InsertRows_InATransaction_ReadBackThroughEf_AsWritten_AndRolledBackWithIt(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        long connectionId;
        await using (var context = await CreateContextAsync(host, timeout.Token))
        {
            var connection = new Connection
            {
                Name = "Rows", NormalizedName = "ROWS", InstanceUrl = "https://acme.service-now.com/", TimeZone = "UTC", Environment = "Test",
                AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Unverified, CreatedBy = "t", UpdatedBy = "t", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            context.Connections.Add(connection);
            await context.SaveChangesAsync(timeout.Token);
            connectionId = connection.Id;
        }

        // Microseconds: PostgreSQL keeps no finer time, whoever writes it.
        var at = new DateTime(2026, 11, 21, 9, 30, 15, DateTimeKind.Utc).AddTicks(1234560);
        ServiceNowUser User(string sysId, bool active, DateTime? updatedOn) => new()
        {
            ConnectionId = connectionId, SysId = sysId, UserName = "ada." + sysId, Name = "Ada Ümlaut", Email = "ada@example.test",
            Active = active, LockedOut = !active, NormalizedEmail = "ADA@EXAMPLE.TEST", SysUpdatedOn = updatedOn, ImportedAt = at, UpdatedAt = at,
            LastSeenRunId = active ? 7 : null,
        };
        var rows = new[] { User("a1", true, at.AddDays(-1)), User("b2", false, null) };

        await using (var context = await CreateContextAsync(host, timeout.Token))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(timeout.Token);
            await context.InsertRowsAsync([User("rolled-back", true, null)], timeout.Token);
            await transaction.RollbackAsync(timeout.Token);
        }

        await using (var context = await CreateContextAsync(host, timeout.Token))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(timeout.Token);
            await context.InsertRowsAsync(rows, timeout.Token);
            await transaction.CommitAsync(timeout.Token);
        }

        await using var reader = await CreateContextAsync(host, timeout.Token);
        var read = await reader.ServiceNowUsers.AsNoTracking().OrderBy(u => u.SysId).ToListAsync(timeout.Token);
        Assert.Equal(["a1", "b2"], read.Select(u => u.SysId));
        Assert.All(read, u => Assert.True(u.Id > 0));
        Assert.Equal(
            rows.Select(u => (u.UserName, u.Name, u.Active, u.LockedOut, u.SysUpdatedOn, u.ImportedAt, u.LastSeenRunId, u.MissingSince, u.Title)),
            read.Select(u => (u.UserName, u.Name, u.Active, u.LockedOut, u.SysUpdatedOn, u.ImportedAt, u.LastSeenRunId, u.MissingSince, u.Title)));
        Assert.All(read, u => Assert.Equal(DateTimeKind.Utc, u.ImportedAt.Kind));
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
