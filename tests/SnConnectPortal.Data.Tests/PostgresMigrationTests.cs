using Microsoft.Extensions.Hosting;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

public sealed class PostgresMigrationTests : MigrationTests, IAsyncLifetime, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly TemporaryDirectory _contentRoot = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _contentRoot.Dispose();

    protected override IHost BuildHost() => PortalDataHost.BuildPostgres(_contentRoot.Path, _database.ConnectionString);

    protected override Task<SchemaDescription> ReadDatabaseSchemaAsync(CancellationToken cancellationToken) =>
        PostgresSchemaReader.ReadAsync(_database.ConnectionString, cancellationToken);
}
