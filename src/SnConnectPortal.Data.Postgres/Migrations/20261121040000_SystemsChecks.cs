using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SnConnectPortal.Data.Postgres.Migrations;

/// <summary>The Systems Check history: one row per run of a connection's check, one per step it showed.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121040000_SystemsChecks")]
public sealed class SystemsChecks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "SystemsCheckRuns",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                CreateTestIncident = table.Column<bool>(type: "boolean", nullable: false),
                TestIncidentNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SystemsCheckRuns", x => x.Id);
                table.ForeignKey(
                    name: "FK_SystemsCheckRuns_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SystemsCheckRunSteps",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                RunId = table.Column<long>(type: "bigint", nullable: false),
                Position = table.Column<int>(type: "integer", nullable: false),
                StepKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                DurationMs = table.Column<long>(type: "bigint", nullable: false),
                Seen = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                Remedy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                LinkUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SystemsCheckRunSteps", x => x.Id);
                table.ForeignKey(
                    name: "FK_SystemsCheckRunSteps_SystemsCheckRuns_RunId",
                    column: x => x.RunId,
                    principalTable: "SystemsCheckRuns",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_SystemsCheckRuns_ConnectionId_StartedAt",
            table: "SystemsCheckRuns",
            columns: ["ConnectionId", "StartedAt"]);
        migrationBuilder.CreateIndex(
            name: "IX_SystemsCheckRunSteps_RunId_Position",
            table: "SystemsCheckRunSteps",
            columns: ["RunId", "Position"],
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "SystemsCheckRunSteps");
        migrationBuilder.DropTable(name: "SystemsCheckRuns");
    }
}
