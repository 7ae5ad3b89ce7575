using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SnConnectPortal.Data.Postgres.Migrations;

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
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                NormalizedName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                InstanceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                TimeZone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Environment = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                AuthMode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                ClientId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                Tables = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                OutboundRateLimitPerMinute = table.Column<int>(type: "integer", nullable: false),
                UrgencyThreshold = table.Column<double>(type: "double precision", nullable: false),
                Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                LastCheckAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                LastCheckSucceeded = table.Column<bool>(type: "boolean", nullable: true),
                LastCheckSummary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                DeletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                DeletedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Connections", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ConnectionSecrets",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                ProtectedValue = table.Column<string>(type: "text", nullable: false),
                SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                SetBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
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
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                Xml = table.Column<string>(type: "text", nullable: false),
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
