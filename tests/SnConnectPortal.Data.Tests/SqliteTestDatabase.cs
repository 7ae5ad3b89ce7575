using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

/// <summary>A SQLite file in the test's own content root, created by the portal on start.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private const string File = "portal.db";

    public override string Provider => DatabaseProviders.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = DatabaseProviders.Sqlite,
        ["Database:SqlitePath"] = File,
    };

    public override Task<SchemaDescription> ReadSchemaAsync(CancellationToken cancellationToken) =>
        SqliteSchemaReader.ReadAsync(Path.Combine(ContentRootPath, File), cancellationToken);

    protected override Task CreateAsync() => Task.CompletedTask;

    protected override Task DropAsync() => Task.CompletedTask;
}
