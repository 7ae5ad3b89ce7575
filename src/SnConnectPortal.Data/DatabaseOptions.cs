namespace SnConnectPortal.Data;

/// <summary>Where the portal keeps its data. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default), <c>Postgres</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>The SQLite database file; a relative path is resolved against the content root.</summary>
    public string SqlitePath { get; set; } = "data/snconnectportal.db";

    /// <summary>The server's connection string; required when <see cref="Provider"/> is <c>Postgres</c> or <c>SqlServer</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The absolute path of the SQLite file.</summary>
    public string ResolveSqlitePath(string contentRootPath) => Path.GetFullPath(SqlitePath, contentRootPath);
}
