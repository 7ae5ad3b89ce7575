using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Data.Tests;

/// <summary>A bad <c>Database</c> section stops start-up with a message naming the setting.</summary>
public sealed class DatabaseOptionsValidationTests : IDisposable
{
    private readonly TemporaryDirectory _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task Start_UnknownProvider_FailsNamingDatabaseProvider()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.Build(_contentRoot.Path, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(timeout.Token));

        Assert.Contains("Database:Provider must be 'Sqlite', 'Postgres' or 'SqlServer' (was 'Oracle')", failure.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_contentRoot.Path));
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_FailsNamingDatabaseConnectionString()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.Build(_contentRoot.Path, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(timeout.Token));

        Assert.Contains(
            "Database:ConnectionString is required when Database:Provider is 'Postgres'",
            failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithMalformedConnectionString_NamesDatabaseConnectionStringWithoutItsPassword()
    {
        var options = new DatabaseOptions
        {
            Provider = "Postgres",
            ConnectionString = "Host=127.0.0.1;Password=s3cret-value;Colour=blue",
        };

        var result = new DatabaseOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.StartsWith("Database:ConnectionString is not a valid PostgreSQL connection string", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SqlServerWithoutConnectionString_FailsNamingDatabaseConnectionString()
    {
        using var timeout = TestTimeout.Start();
        using var host = PortalDataHost.Build(_contentRoot.Path, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(timeout.Token));

        Assert.Contains(
            "Database:ConnectionString is required when Database:Provider is 'SqlServer'",
            failure.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqlServerWithMalformedConnectionString_NamesDatabaseConnectionStringWithoutItsPassword()
    {
        var options = new DatabaseOptions
        {
            Provider = "SqlServer",
            ConnectionString = "Server=db.internal;Password=s3cret-value;Colour=blue",
        };

        var result = new DatabaseOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.StartsWith("Database:ConnectionString is not a valid SQL Server connection string", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteWithEmptyPath_NamesDatabaseSqlitePath()
    {
        var options = new DatabaseOptions { Provider = "Sqlite", SqlitePath = " " };

        var result = new DatabaseOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.StartsWith("Database:SqlitePath must name the SQLite database file", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sqlite", null)]
    [InlineData("sqlite", null)]
    [InlineData("Postgres", "Host=127.0.0.1;Username=portal;Password=portal;Database=portal")]
    [InlineData("SqlServer", "Server=db.internal;Database=portal;User ID=portal;Password=portal;Encrypt=True")]
    [InlineData("sqlserver", "Server=tcp:acme.database.windows.net,1433;Database=portal;Authentication=Active Directory Default;Encrypt=True")]
    public void Validate_SupportedSettings_Succeeds(string provider, string? connectionString)
    {
        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };

        var result = new DatabaseOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
