using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Postgres.Migrations;

/// <summary>Settings that administrators change in the portal (the message retention first), one row per key.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121060000_PortalSettings")]
public sealed class PortalSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "PortalSettings",
            columns: table => new
            {
                Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PortalSettings", x => x.Key));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "PortalSettings");
    }
}
