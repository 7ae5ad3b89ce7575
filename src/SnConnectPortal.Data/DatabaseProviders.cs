namespace SnConnectPortal.Data;

/// <summary>The values <see cref="DatabaseOptions.Provider"/> accepts.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string SqlServer = "SqlServer";

    public static bool IsSqlite(string? provider) => string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public static bool IsPostgres(string? provider) => string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public static bool IsSqlServer(string? provider) => string.Equals(provider, SqlServer, StringComparison.OrdinalIgnoreCase);
}
