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
            return ValidatePostgresConnectionString(options.ConnectionString);
        }

        return ValidateOptionsResult.Fail(
            $"{Section}:{nameof(DatabaseOptions.Provider)} must be '{DatabaseProviders.Sqlite}' or " +
            $"'{DatabaseProviders.Postgres}' (was '{options.Provider}').");
    }

    private static ValidateOptionsResult ValidatePostgresConnectionString(string? connectionString)
    {
        var setting = $"{Section}:{nameof(DatabaseOptions.ConnectionString)}";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{setting} is required when {Section}:{nameof(DatabaseOptions.Provider)} is '{DatabaseProviders.Postgres}'.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            // The parser's message names the bad keyword, never a value, so no password can leak into it.
            return ValidateOptionsResult.Fail($"{setting} is not a valid PostgreSQL connection string: {exception.Message}");
        }
    }
}
