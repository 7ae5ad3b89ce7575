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
    public void SqliteInsertReturningKey_ReturnsTheKey_FromTheModelsNames_WithPositionalParameters()
    {
        using var context = OfflineContext.Create(DatabaseProviders.Sqlite);
        Assert.IsType<SqliteRowWriter>(RowInserts.For(context));

        var sql = SqliteRowWriter.InsertSql(new ModelInsert(context, typeof(Message)), returnsKey: true);

        Assert.StartsWith("INSERT INTO \"Messages\" (\"AttemptCount\", \"ConnectionId\", ", sql, StringComparison.Ordinal);
        Assert.Contains(" VALUES (?1, ?2, ", sql, StringComparison.Ordinal);
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
            """COPY "MessageAttachments" ("ContentBytes", "ContentType", "DeclaredSizeBytes", "FileName", "Hash", "HashMatches", "MessageId", "SysId", "UploadError", "UploadState", "UploadedAt") FROM STDIN (FORMAT BINARY)""",
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

    [Fact]
    public async Task SqliteRows_AreStoredExactlyAsSaveChangesStoresThem()
    {
        using var timeout = TestTimeout.Start();
        await using var viaEf = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        await using var viaWriter = await TestDatabase.CreateAsync(DatabaseProviders.Sqlite);
        using var efHost = viaEf.BuildHost();
        using var writerHost = viaWriter.BuildHost();
        await efHost.StartAsync(timeout.Token);
        await writerHost.StartAsync(timeout.Token);

        await using (var ef = await efHost.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(timeout.Token))
        {
            ef.Add(SampleConnection());
            await ef.SaveChangesAsync(timeout.Token);
            ef.AddRange(SampleUsers());
            ef.AddRange(SampleMessages());
            await ef.SaveChangesAsync(timeout.Token);
        }

        await using (var writer = await writerHost.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(timeout.Token))
        {
            writer.Add(SampleConnection());
            await writer.SaveChangesAsync(timeout.Token);
            await using var transaction = await writer.Database.BeginTransactionAsync(timeout.Token);
            await writer.InsertRowsAsync(SampleUsers(), timeout.Token);
            var messages = SampleMessages();
            var keys = await writer.InsertRowsReturningKeysAsync(messages, timeout.Token);
            await writer.InsertRowsAsync(messages.SelectMany((m, i) => m.Attachments.Select(a => { a.MessageId = keys[i]; return a; })).ToList(), timeout.Token);
            await transaction.CommitAsync(timeout.Token);
        }

        foreach (var table in new[] { "ServiceNowUsers", "Messages", "MessageAttachments" })
        {
            var expected = await StoredAsync(efHost, table, timeout.Token);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await StoredAsync(writerHost, table, timeout.Token));
        }
    }

    private static Connection SampleConnection() => new()
    {
        Name = "Acme", NormalizedName = "ACME", InstanceUrl = "https://acme.service-now.com/", TimeZone = "UTC", Environment = "Test",
        AuthMode = "Basic", Tables = "incident", Status = ConnectionStatus.Verified, CreatedBy = "test", UpdatedBy = "test",
        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };

    // Every column set (text with non-ASCII characters, fractions of a second, both booleans, enums) and every nullable one empty.
    private static List<ServiceNowUser> SampleUsers() =>
    [
        new()
        {
            ConnectionId = 1, SysId = "6816f79cc0a8016401c5a33be04be441", UserName = "zoë.ådmin", Name = "Zoë Ådmin 🚀", FirstName = "Zoë",
            LastName = "Ådmin", Email = "zoe@example.com", Title = "Lead", Department = "IT", Active = true, LockedOut = false,
            NormalizedEmail = "ZOE@EXAMPLE.COM", NormalizedUserName = "ZOË.ÅDMIN", NormalizedName = "ZOË ÅDMIN 🚀",
            SysUpdatedOn = new DateTime(2026, 11, 30, 23, 59, 59, DateTimeKind.Utc), ImportedAt = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc).AddTicks(1234567),
            UpdatedAt = new DateTime(2026, 12, 1, 6, 0, 0, 500, DateTimeKind.Utc), LastSeenRunId = 42, MissingSince = new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc),
        },
        new() { ConnectionId = 1, SysId = "b", LockedOut = true, ImportedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), UpdatedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) },
    ];

    private static List<Message> SampleMessages()
    {
        var full = new Message
        {
            ReceivedAt = new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc).AddTicks(7), ConnectionId = 1, Direction = MessageDirection.Outbound,
            Status = MessageStatus.DeadLettered, TableName = "incident", EventName = "insert", RecordSysId = "a1", Number = "INC0010001", CorrelationId = "hub-1",
            ResponseId = "r1", HttpStatus = 201, DurationMs = 12, Headers = """{"Content-Type":"application/json"}""", Payload = """{"short_description":"Ünïcode"}""",
            PayloadBytes = 33, RemoteAddress = "127.0.0.1", AttemptCount = 3, NextAttemptAt = new DateTime(2026, 12, 1, 6, 5, 0, DateTimeKind.Utc), LastError = "503 Service Unavailable",
        };
        full.Attachments.Add(new MessageAttachment
        {
            SysId = "att1", FileName = "log.txt", ContentType = "text/plain", DeclaredSizeBytes = 5, Hash = "abc", ContentBytes = 5, HashMatches = false,
        });
        full.Attachments.Add(new MessageAttachment());
        var bare = new Message
        {
            ReceivedAt = new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc), ConnectionId = 1, Direction = MessageDirection.Inbound, Status = MessageStatus.Received,
            ResponseId = "r2", Headers = "{}", Payload = "{}",
        };
        return [full, bare];
    }

    /// <summary>Every stored value of <paramref name="table"/> but the key, as SQLite quotes it (type and bytes), row by row.</summary>
    private static async Task<List<string>> StoredAsync(Microsoft.Extensions.Hosting.IHost host, string table, CancellationToken cancellationToken)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var columns = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_table_info({table}) WHERE name <> 'Id'").ToListAsync(cancellationToken);
        var row = string.Join(" || '|' || ", columns.Select(c => $"'{c}=' || quote(\"{c}\")"));
        var sql = $"SELECT {row} AS \"Value\" FROM \"{table}\" ORDER BY \"Id\"";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);
    }
}
