using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Sqlite.Migrations;

/// <summary>The imported ServiceNow users, their import runs, the hub's users to map and the mappings.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121020000_UserDirectory")]
public sealed class UserDirectory : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "ServiceNowUsers",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                SysId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Department = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Active = table.Column<bool>(type: "INTEGER", nullable: false),
                LockedOut = table.Column<bool>(type: "INTEGER", nullable: false),
                NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                SysUpdatedOn = table.Column<DateTime>(type: "TEXT", nullable: true),
                ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                LastSeenRunId = table.Column<long>(type: "INTEGER", nullable: true),
                MissingSince = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ServiceNowUsers", x => x.Id);
                table.ForeignKey(
                    name: "FK_ServiceNowUsers_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "UserImportRuns",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                StartedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                HeartbeatAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ExpectedCount = table.Column<long>(type: "INTEGER", nullable: true),
                ProcessedCount = table.Column<long>(type: "INTEGER", nullable: false),
                NewCount = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedCount = table.Column<long>(type: "INTEGER", nullable: false),
                UnchangedCount = table.Column<long>(type: "INTEGER", nullable: false),
                DeactivatedCount = table.Column<long>(type: "INTEGER", nullable: false),
                ErrorCount = table.Column<long>(type: "INTEGER", nullable: false),
                Since = table.Column<DateTime>(type: "TEXT", nullable: true),
                CursorUpdatedOn = table.Column<DateTime>(type: "TEXT", nullable: true),
                CursorSysId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                CursorOffset = table.Column<int>(type: "INTEGER", nullable: false),
                CursorPhase = table.Column<int>(type: "INTEGER", nullable: false),
                SourceStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                HighWaterMark = table.Column<DateTime>(type: "TEXT", nullable: true),
                Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserImportRuns", x => x.Id);
                table.ForeignKey(
                    name: "FK_UserImportRuns_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "HubUsers",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ExternalId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Email = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                UserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                NormalizedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_HubUsers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "UserMappings",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                HubUserId = table.Column<long>(type: "INTEGER", nullable: false),
                ServiceNowUserId = table.Column<long>(type: "INTEGER", nullable: true),
                Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                Confidence = table.Column<int>(type: "INTEGER", nullable: true),
                MappedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                MappedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                SuggestedServiceNowUserId = table.Column<long>(type: "INTEGER", nullable: true),
                SuggestionRule = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                SuggestionConfidence = table.Column<int>(type: "INTEGER", nullable: true),
                SuggestionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                SuggestedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserMappings", x => x.Id);
                table.ForeignKey(
                    name: "FK_UserMappings_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_UserMappings_HubUsers_HubUserId",
                    column: x => x.HubUserId,
                    principalTable: "HubUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_UserMappings_ServiceNowUsers_ServiceNowUserId",
                    column: x => x.ServiceNowUserId,
                    principalTable: "ServiceNowUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
                table.ForeignKey(
                    name: "FK_UserMappings_ServiceNowUsers_SuggestedServiceNowUserId",
                    column: x => x.SuggestedServiceNowUserId,
                    principalTable: "ServiceNowUsers",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.NoAction);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ServiceNowUsers_ConnectionId_NormalizedEmail",
            table: "ServiceNowUsers",
            columns: ["ConnectionId", "NormalizedEmail"]);

        migrationBuilder.CreateIndex(
            name: "IX_ServiceNowUsers_ConnectionId_NormalizedName",
            table: "ServiceNowUsers",
            columns: ["ConnectionId", "NormalizedName"]);

        migrationBuilder.CreateIndex(
            name: "IX_ServiceNowUsers_ConnectionId_NormalizedUserName",
            table: "ServiceNowUsers",
            columns: ["ConnectionId", "NormalizedUserName"]);

        migrationBuilder.CreateIndex(
            name: "IX_ServiceNowUsers_ConnectionId_SysId",
            table: "ServiceNowUsers",
            columns: ["ConnectionId", "SysId"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_UserImportRuns_ConnectionId_StartedAt",
            table: "UserImportRuns",
            columns: ["ConnectionId", "StartedAt"]);

        migrationBuilder.CreateIndex(
            name: "IX_UserImportRuns_Status",
            table: "UserImportRuns",
            column: "Status");

        migrationBuilder.CreateIndex(
            name: "IX_HubUsers_ExternalId",
            table: "HubUsers",
            column: "ExternalId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_HubUsers_NormalizedEmail",
            table: "HubUsers",
            column: "NormalizedEmail");

        migrationBuilder.CreateIndex(
            name: "IX_HubUsers_NormalizedName",
            table: "HubUsers",
            column: "NormalizedName");

        migrationBuilder.CreateIndex(
            name: "IX_UserMappings_ConnectionId_HubUserId",
            table: "UserMappings",
            columns: ["ConnectionId", "HubUserId"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_UserMappings_ConnectionId_ServiceNowUserId",
            table: "UserMappings",
            columns: ["ConnectionId", "ServiceNowUserId"]);

        migrationBuilder.CreateIndex(
            name: "IX_UserMappings_HubUserId",
            table: "UserMappings",
            column: "HubUserId");

        migrationBuilder.CreateIndex(
            name: "IX_UserMappings_ServiceNowUserId",
            table: "UserMappings",
            column: "ServiceNowUserId");

        migrationBuilder.CreateIndex(
            name: "IX_UserMappings_SuggestedServiceNowUserId",
            table: "UserMappings",
            column: "SuggestedServiceNowUserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "UserMappings");
        migrationBuilder.DropTable(name: "HubUsers");
        migrationBuilder.DropTable(name: "ServiceNowUsers");
        migrationBuilder.DropTable(name: "UserImportRuns");
    }
}
