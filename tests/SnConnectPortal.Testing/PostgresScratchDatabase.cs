using System.Net.Sockets;
using Npgsql;
using Xunit;

namespace SnConnectPortal.Testing;

/// <summary>
/// A uniquely named, empty database on the local PostgreSQL test server, created for one test and dropped after it.
/// The server comes from <c>scripts/ensure-postgres.sh</c>; <c>SNCP_TEST_POSTGRES</c> points elsewhere.
/// </summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    public const string ServerVariable = "SNCP_TEST_POSTGRES";
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=portal;Password=portal;Database=postgres";

    private static readonly string ServerConnectionString =
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : DefaultServer;

    private PostgresScratchDatabase()
    {
    }

    public string Name { get; } = $"sncp_test_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = Name }.ToString();

    public static async Task<PostgresScratchDatabase> CreateAsync()
    {
        var database = new PostgresScratchDatabase();
        await using var server = await OpenServerAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", server);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var server = await OpenServerAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", server);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var connection = new NpgsqlConnection(ServerConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
            Assert.Fail(
                $"The PostgreSQL test server at {server.Host}:{server.Port} (user {server.Username}) is not reachable: " +
                $"{exception.Message}. Run `sudo scripts/ensure-postgres.sh` to install and start it, or set " +
                $"{ServerVariable} to the connection string of another server.");
            throw;
        }
    }
}
