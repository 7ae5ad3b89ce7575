using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SnConnectPortal.Data.SqlServer;

/// <summary>
/// The context dotnet ef builds to add a SQL Server migration. It never connects: generating a migration compares the
/// model with this project's snapshot only, so the connection string just has to be well-formed.
/// </summary>
public sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var database = new DatabaseOptions
        {
            Provider = DatabaseProviders.SqlServer,
            ConnectionString = "Server=127.0.0.1;Database=snconnectportal;Integrated Security=true;TrustServerCertificate=true",
        };
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UsePortalDatabase(database, Directory.GetCurrentDirectory());
        return new PortalDbContext(builder.Options);
    }
}
