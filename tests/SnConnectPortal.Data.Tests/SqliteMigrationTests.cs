using Microsoft.Extensions.Hosting;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

public sealed class SqliteMigrationTests : MigrationTests, IDisposable
{
    private const string DatabaseFile = "portal.db";
    private readonly TemporaryDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    protected override IHost BuildHost() => PortalDataHost.BuildSqlite(_contentRoot.Path, DatabaseFile);

    protected override Task<SchemaDescription> ReadDatabaseSchemaAsync(CancellationToken cancellationToken) =>
        SqliteSchemaReader.ReadAsync(Path.Combine(_contentRoot.Path, DatabaseFile), cancellationToken);
}
