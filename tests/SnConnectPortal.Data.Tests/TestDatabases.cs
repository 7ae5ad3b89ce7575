namespace SnConnectPortal.Data.Tests;

/// <summary>
/// The providers the data-layer tests run against: SQLite and PostgreSQL always; SQL Server when
/// <c>SNCP_TEST_SQLSERVER</c> holds a connection string (no SQL Server can run on the build machines, so without it
/// the SQL Server cases do not exist rather than being skipped). See README, "Test it".
/// </summary>
public static class TestDatabases
{
    public static TheoryData<string> All
    {
        get
        {
            var providers = new TheoryData<string> { DatabaseProviders.Sqlite, DatabaseProviders.Postgres };
            if (SqlServerTestDatabase.IsConfigured)
            {
                providers.Add(DatabaseProviders.SqlServer);
            }

            return providers;
        }
    }

    /// <summary>The server databases among <see cref="All"/>: several sessions write at once, unlike SQLite's one writer.</summary>
    public static TheoryData<string> Servers
    {
        get
        {
            var providers = new TheoryData<string> { DatabaseProviders.Postgres };
            if (SqlServerTestDatabase.IsConfigured)
            {
                providers.Add(DatabaseProviders.SqlServer);
            }

            return providers;
        }
    }
}
