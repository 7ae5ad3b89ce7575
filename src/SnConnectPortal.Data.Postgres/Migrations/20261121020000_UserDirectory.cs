using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SnConnectPortal.Data.Postgres.Migrations;

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
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                SysId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                UserName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Title = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Department = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Active = table.Column<bool>(type: "boolean", nullable: false),
                LockedOut = table.Column<bool>(type: "boolean", nullable: false),
                NormalizedEmail = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                NormalizedUserName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                NormalizedName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                SysUpdatedOn = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                LastSeenRunId = table.Column<long>(type: "bigint", nullable: true),
                MissingSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                StartedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                ExpectedCount = table.Column<long>(type: "bigint", nullable: true),
                ProcessedCount = table.Column<long>(type: "bigint", nullable: false),
                NewCount = table.Column<long>(type: "bigint", nullable: false),
                UpdatedCount = table.Column<long>(type: "bigint", nullable: false),
                UnchangedCount = table.Column<long>(type: "bigint", nullable: false),
                DeactivatedCount = table.Column<long>(type: "bigint", nullable: false),
                ErrorCount = table.Column<long>(type: "bigint", nullable: false),
                Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                CursorUpdatedOn = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                CursorSysId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                CursorOffset = table.Column<int>(type: "integer", nullable: false),
                CursorPhase = table.Column<int>(type: "integer", nullable: false),
                SourceStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                HighWaterMark = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
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
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ExternalId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                Email = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UserName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                NormalizedEmail = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                NormalizedUserName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                NormalizedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_HubUsers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "UserMappings",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                HubUserId = table.Column<long>(type: "bigint", nullable: false),
                ServiceNowUserId = table.Column<long>(type: "bigint", nullable: true),
                Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                Confidence = table.Column<int>(type: "integer", nullable: true),
                MappedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                MappedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                SuggestedServiceNowUserId = table.Column<long>(type: "bigint", nullable: true),
                SuggestionRule = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                SuggestionConfidence = table.Column<int>(type: "integer", nullable: true),
                SuggestionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                SuggestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
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
