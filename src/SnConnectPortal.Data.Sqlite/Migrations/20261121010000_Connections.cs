using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Sqlite.Migrations;

/// <summary>Connections, their encrypted secrets, and the Data Protection keys that encrypt them.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121010000_Connections")]
public sealed class Connections : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "Connections",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                InstanceUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Environment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                AuthMode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Tables = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                OutboundRateLimitPerMinute = table.Column<int>(type: "INTEGER", nullable: false),
                UrgencyThreshold = table.Column<double>(type: "REAL", nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                LastCheckAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                LastCheckSucceeded = table.Column<bool>(type: "INTEGER", nullable: true),
                LastCheckSummary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Connections", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ConnectionSecrets",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                ProtectedValue = table.Column<string>(type: "TEXT", nullable: false),
                SetAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                SetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ConnectionSecrets", x => x.Id);
                table.ForeignKey(
                    name: "FK_ConnectionSecrets_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DataProtectionKeys",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                FriendlyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Xml = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_Connections_NormalizedName",
            table: "Connections",
            column: "NormalizedName",
            unique: true,
            filter: "\"DeletedAt\" IS NULL");
        migrationBuilder.CreateIndex(
            name: "IX_ConnectionSecrets_ConnectionId_Kind",
            table: "ConnectionSecrets",
            columns: ["ConnectionId", "Kind"],
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "ConnectionSecrets");
        migrationBuilder.DropTable(name: "DataProtectionKeys");
        migrationBuilder.DropTable(name: "Connections");
    }
}
