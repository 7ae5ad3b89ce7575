using SnConnectPortal.Data.Tests.Schema;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Data.Tests;

/// <summary>A scratch database on the local PostgreSQL test server (<see cref="PostgresScratchDatabase"/>).</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresScratchDatabase? _database;

    public override string Provider => DatabaseProviders.Postgres;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not created yet.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = DatabaseProviders.Postgres,
        ["Database:ConnectionString"] = ConnectionString,
    };

    public override Task<SchemaDescription> ReadSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchemaReader.ReadAsync(ConnectionString, cancellationToken);

    protected override async Task CreateAsync() => _database = await PostgresScratchDatabase.CreateAsync();

    protected override async Task DropAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
