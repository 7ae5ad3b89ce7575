using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SnConnectPortal.Data;

/// <summary>Rejects a <c>Database</c> section the portal cannot start with, naming the setting at fault.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string Section = DatabaseOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (DatabaseProviders.IsSqlite(options.Provider))
        {
            return string.IsNullOrWhiteSpace(options.SqlitePath)
                ? ValidateOptionsResult.Fail(
                    $"{Section}:{nameof(DatabaseOptions.SqlitePath)} must name the SQLite database file when " +
                    $"{Section}:{nameof(DatabaseOptions.Provider)} is '{DatabaseProviders.Sqlite}'.")
                : ValidateOptionsResult.Success;
        }

        if (DatabaseProviders.IsPostgres(options.Provider))
        {
            return ValidateConnectionString(options.ConnectionString, DatabaseProviders.Postgres, "PostgreSQL", s => new NpgsqlConnectionStringBuilder(s));
        }

        if (DatabaseProviders.IsSqlServer(options.Provider))
        {
            return ValidateConnectionString(options.ConnectionString, DatabaseProviders.SqlServer, "SQL Server", s => new SqlConnectionStringBuilder(s));
        }

        return ValidateOptionsResult.Fail(
            $"{Section}:{nameof(DatabaseOptions.Provider)} must be '{DatabaseProviders.Sqlite}', " +
            $"'{DatabaseProviders.Postgres}' or '{DatabaseProviders.SqlServer}' (was '{options.Provider}').");
    }

    private static ValidateOptionsResult ValidateConnectionString(
        string? connectionString, string provider, string serverName, Func<string, DbConnectionStringBuilder> parse)
    {
        var setting = $"{Section}:{nameof(DatabaseOptions.ConnectionString)}";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{setting} is required when {Section}:{nameof(DatabaseOptions.Provider)} is '{provider}'.");
        }

        try
        {
            _ = parse(connectionString);
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parsers' messages name the bad keyword or value format, never a value, so no password leaks into them.
            return ValidateOptionsResult.Fail($"{setting} is not a valid {serverName} connection string: {exception.Message}");
        }
    }
}
