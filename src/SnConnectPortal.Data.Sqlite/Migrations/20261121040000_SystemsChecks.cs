using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Sqlite.Migrations;

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
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                CreateTestIncident = table.Column<bool>(type: "INTEGER", nullable: false),
                TestIncidentNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
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
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                RunId = table.Column<long>(type: "INTEGER", nullable: false),
                Position = table.Column<int>(type: "INTEGER", nullable: false),
                StepKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                DurationMs = table.Column<long>(type: "INTEGER", nullable: false),
                Seen = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                Remedy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                LinkUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
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
