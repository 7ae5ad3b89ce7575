using Microsoft.Data.SqlClient;
using SnConnectPortal.Data.Tests.Schema;

namespace SnConnectPortal.Data.Tests;

/// <summary>
/// A uniquely named database on the SQL Server that <c>SNCP_TEST_SQLSERVER</c> names (a login that may create
/// databases), created for one test and dropped after it. Only used when that variable is set.
/// </summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string ServerVariable = "SNCP_TEST_SQLSERVER";

    private readonly string _serverConnectionString = Environment.GetEnvironmentVariable(ServerVariable)
        ?? throw new InvalidOperationException($"{ServerVariable} is not set.");

    public static bool IsConfigured => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 };

    public override string Provider => DatabaseProviders.SqlServer;

    public string Name { get; } = $"sncp_test_{Guid.NewGuid():N}";

    public string ConnectionString => new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = Name }.ToString();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = DatabaseProviders.SqlServer,
        ["Database:ConnectionString"] = ConnectionString,
    };

    public override Task<SchemaDescription> ReadSchemaAsync(CancellationToken cancellationToken) =>
        SqlServerSchemaReader.ReadAsync(ConnectionString, cancellationToken);

    protected override async Task CreateAsync()
    {
        await using var server = await OpenServerAsync();
        await using var command = new SqlCommand($"CREATE DATABASE [{Name}]", server);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task DropAsync()
    {
        // Pooled connections would keep the database in use.
        SqlConnection.ClearAllPools();

        await using var server = await OpenServerAsync();
        await using var command = new SqlCommand($"DROP DATABASE IF EXISTS [{Name}]", server);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqlConnection> OpenServerAsync()
    {
        var connection = new SqlConnection(new SqlConnectionStringBuilder(_serverConnectionString) { InitialCatalog = "master" }.ToString());
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (SqlException exception)
        {
            await connection.DisposeAsync();
            Assert.Fail(
                $"The SQL Server test server at {new SqlConnectionStringBuilder(_serverConnectionString).DataSource} is not reachable: " +
                $"{exception.Message}. Check {ServerVariable}.");
            throw;
        }
    }
}
