using Microsoft.EntityFrameworkCore;

namespace SnConnectPortal.Data.Tests;

internal static class OfflineContext
{
    /// <summary>A context of the provider that never connects: reading the model, migrations and SQL needs no server.</summary>
    public static PortalDbContext Create(string provider)
    {
        var database = new DatabaseOptions
        {
            Provider = provider,
            SqlitePath = "never-opened.db",
            ConnectionString = provider == DatabaseProviders.Postgres
                ? "Host=127.0.0.1;Database=never_opened"
                : "Server=127.0.0.1;Database=never_opened;Integrated Security=true",
        };
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UsePortalDatabase(database, Path.GetTempPath());
        return new PortalDbContext(builder.Options);
    }
}
