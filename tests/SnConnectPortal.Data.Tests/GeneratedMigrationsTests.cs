using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Tests;

/// <summary>
/// What can be proven about each provider's generated migrations without a database server, so also for SQL Server,
/// which cannot run on the build machines: the migrations are up to date with the model, and the SQL Server script
/// builds every table and index of the model.
/// </summary>
public sealed class GeneratedMigrationsTests
{
    [Theory]
    [InlineData(DatabaseProviders.Sqlite)]
    [InlineData(DatabaseProviders.Postgres)]
    [InlineData(DatabaseProviders.SqlServer)]
    public void Migrations_OfEachProvider_MatchTheModel(string provider)
    {
        using var context = OfflineContext.Create(provider);

        Assert.False(
            context.Database.HasPendingModelChanges(),
            $"The {provider} migrations do not match the model: run scripts/migrations.sh add <Name>.");
    }

    [Fact]
    public void SqlServerIdempotentScript_CreatesEveryTableAndIndexOfTheModel()
    {
        using var context = OfflineContext.Create(DatabaseProviders.SqlServer);
        var model = context.GetService<IDesignTimeModel>().Model.GetRelationalModel();

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var missing = model.Tables.Select(table => $"CREATE TABLE [{table.Name}] (")
            .Concat(model.Tables.SelectMany(table => table.Indexes, (table, index) =>
                $"CREATE {(index.IsUnique ? "UNIQUE " : "")}INDEX [{index.Name}] ON [{table.Name}] ("))
            .Where(statement => !script.Contains(statement, StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, $"The SQL Server script lacks:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
        // Idempotent: every migration's statements run only if its id is not yet in the history table.
        Assert.Matches(new Regex(@"IF NOT EXISTS \(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[MigrationId\] = N'\d{14}_Initial'"), script);
    }
}
