using SnConnectPortal.Testing;

namespace SnConnectPortal.Web.Tests.Coordination;

/// <summary>
/// One database that several in-process portal nodes share, as a deployment's nodes do: a PostgreSQL scratch database
/// or one SQLite file, and one key-ring certificate file for all of them. Start the first node before the others: it
/// creates the certificate.
/// </summary>
public sealed class SharedDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sncp-web-tests", "shared-" + Guid.NewGuid().ToString("N"));
    private readonly PostgresScratchDatabase? _postgres;

    private SharedDatabase(PostgresScratchDatabase? postgres) => _postgres = postgres;

    public static async Task<SharedDatabase> CreateAsync(string provider) =>
        new(provider == "Postgres" ? await PostgresScratchDatabase.CreateAsync() : null);

    /// <summary>The settings of one more node on this database, with <paramref name="extra"/> on top.</summary>
    public Dictionary<string, string?> NodeSettings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = _postgres is null
            ? new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:SqlitePath"] = Path.Combine(_directory, "portal.db") }
            : new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = _postgres.ConnectionString };
        settings["DataProtection:CertificatePath"] = Path.Combine(_directory, "keyring-protection.pfx");
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
