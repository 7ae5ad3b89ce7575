using Microsoft.Extensions.Hosting;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

/// <summary>
/// A fresh, empty database of one provider for one test, removed afterwards. The data-layer tests are written once
/// as theories over <see cref="TestDatabases.All"/> and create theirs with <see cref="CreateAsync"/>.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public abstract string Provider { get; }

    /// <summary>The <c>Database</c> settings that point the portal at this database.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    protected string ContentRootPath => _contentRoot.Path;

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        TestDatabase database = provider switch
        {
            DatabaseProviders.Sqlite => new SqliteTestDatabase(),
            DatabaseProviders.Postgres => new PostgresTestDatabase(),
            DatabaseProviders.SqlServer => new SqlServerTestDatabase(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "not a provider of the portal"),
        };
        await database.CreateAsync();
        return database;
    }

    /// <summary>A host with <c>AddPortalData</c> over this database, as the web app builds it.</summary>
    public IHost BuildHost() => PortalDataHost.Build(ContentRootPath, Settings);

    public abstract Task<SchemaDescription> ReadSchemaAsync(CancellationToken cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _contentRoot.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task CreateAsync();

    protected abstract Task DropAsync();
}
