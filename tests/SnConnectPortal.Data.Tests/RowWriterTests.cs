using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data.RowWriters;

namespace SnConnectPortal.Data.Tests;

/// <summary>The raw inserts of each provider: their SQL is built from the EF model, and they store what EF reads back.</summary>
public sealed class RowWriterTests
{
    [Fact]
    public void SqlServerInsertReturningKey_ReadsTheKeyWithOutputInserted_FromTheModelsNames()
    {
        using var context = OfflineContext.Create(DatabaseProviders.SqlServer);
        var writer = Assert.IsType<SqlServerRowWriter>(RowInserts.For(context));

        var sql = writer.InsertSql(new ModelInsert(context, typeof(Message)), returnsKey: true);

        Assert.StartsWith("INSERT INTO [Messages] ([AttemptCount], [ConnectionId], ", sql, StringComparison.Ordinal);
        Assert.Contains(") OUTPUT INSERTED.[Id] VALUES (@p0, @p1, ", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("RETURNING", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("[Id],", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteInsertReturningKey_ReturnsTheKey_FromTheModelsNames()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Sqlite);
        var writer = Assert.IsType<SqliteRowWriter>(RowInserts.For(context));

        var sql = writer.InsertSql(new ModelInsert(context, typeof(Message)), returnsKey: true);

        Assert.StartsWith("INSERT INTO \"Messages\" (\"AttemptCount\", \"ConnectionId\", ", sql, StringComparison.Ordinal);
        Assert.EndsWith(") RETURNING \"Id\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresInsertReturningKey_IsOneBatchStatementPerRow_WithPositionalParameters()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Postgres);
        Assert.IsType<PostgresRowWriter>(RowInserts.For(context));

        var sql = PostgresRowWriter.BatchInsertSql(new ModelInsert(context, typeof(Message)));

        Assert.StartsWith("INSERT INTO \"Messages\" (\"AttemptCount\", \"ConnectionId\", ", sql, StringComparison.Ordinal);
        Assert.Contains(" VALUES ($1, $2, ", sql, StringComparison.Ordinal);
        Assert.EndsWith(") RETURNING \"Id\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresBulkInsert_IsABinaryCopy_OfTheModelsColumns()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Postgres);

        var sql = PostgresRowWriter.CopySql(new ModelInsert(context, typeof(MessageAttachment)));

        Assert.Equal(
            """COPY "MessageAttachments" ("ContentBytes", "ContentType", "DeclaredSizeBytes", "FileName", "Hash", "HashMatches", "MessageId", "SysId") FROM STDIN (FORMAT BINARY)""",
            sql);
    }

    [Theory, MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task InsertReturningKeys_InATransaction_ReturnsEachRowsKeyInOrder_AndChildRowsFollow(string provider)
    {
        using var timeout = TestTimeout.Start();
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = database.BuildHost();
        await host.StartAsync(timeout.Token);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var at = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc);
        var messages = Enumerable.Range(1, 3).Select(i => new Message
        {
            ReceivedAt = at.AddSeconds(i), ConnectionId = 7, Direction = MessageDirection.Inbound, Status = MessageStatus.Received, ResponseId = $"r{i}",
            Number = i == 2 ? null : $"INC{i:0000000}", Headers = "{}", Payload = $$"""{"n":{{i}}}""", PayloadBytes = 7, HttpStatus = 202,
        }).ToList();

        long[] keys;
        await using (var context = await factory.CreateDbContextAsync(timeout.Token))
        {
            await using var transaction = await context.Database.BeginTransactionAsync(timeout.Token);
            keys = await context.InsertRowsReturningKeysAsync(messages, timeout.Token);
            await context.InsertRowsAsync(
                [new MessageAttachment { MessageId = keys[1], FileName = "a.txt", HashMatches = true, DeclaredSizeBytes = 5 }], timeout.Token);
            await transaction.CommitAsync(timeout.Token);
        }

        await using var reader = await factory.CreateDbContextAsync(timeout.Token);
        var read = await reader.Messages.AsNoTracking().Include(m => m.Attachments).OrderBy(m => m.Id).ToListAsync(timeout.Token);
        Assert.Equal(keys, read.Select(m => m.Id));
        Assert.Equal(["r1", "r2", "r3"], read.Select(m => m.ResponseId));
        Assert.Equal([null, "INC0000001", "INC0000003"], read.Select(m => m.Number).Order());
        Assert.All(read, m => Assert.Equal(DateTimeKind.Utc, m.ReceivedAt.Kind));
        Assert.All(read, m => Assert.Equal((MessageDirection.Inbound, MessageStatus.Received), (m.Direction, m.Status)));
        // Stored by name, as EF stores them: the writer applies the model's value converters.
        var stored = await reader.Database.SqlQueryRaw<string>("""SELECT "Direction" AS "Value" FROM "Messages" UNION ALL SELECT "Status" FROM "Messages" """)
            .ToListAsync(timeout.Token);
        Assert.Equal(["Inbound", "Inbound", "Inbound", "Received", "Received", "Received"], stored.Order(StringComparer.Ordinal));
        var attachment = Assert.Single(read[1].Attachments);
        Assert.Equal(("a.txt", true, 5L), (attachment.FileName, attachment.HashMatches, attachment.DeclaredSizeBytes));
    }
}
