using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace SnConnectPortal.Data.Postgres.Migrations;

/// <summary>
/// Outbound delivery: a message's attempt count, when the delivery worker may take it next and its last error, and
/// one row per attempt for the message view's timeline. Inbound rows get 0 attempts and nulls.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121050000_OutboundDelivery")]
public sealed class OutboundDelivery : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        // The default also serves the inbound group-commit writer, whose INSERT lists only the inbound columns.
        migrationBuilder.AddColumn<int>(name: "AttemptCount", table: "Messages", type: "integer", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<DateTime>(name: "NextAttemptAt", table: "Messages", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<string>(name: "LastError", table: "Messages", type: "character varying(2000)", maxLength: 2000, nullable: true);

        migrationBuilder.CreateTable(
            name: "MessageAttempts",
            columns: table => new
            {
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                MessageId = table.Column<long>(type: "bigint", nullable: false),
                Attempt = table.Column<int>(type: "integer", nullable: false),
                StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                DurationMs = table.Column<int>(type: "integer", nullable: false),
                HttpStatus = table.Column<int>(type: "integer", nullable: true),
                Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageAttempts", x => x.Id);
                table.ForeignKey(
                    name: "FK_MessageAttempts_Messages_MessageId",
                    column: x => x.MessageId,
                    principalTable: "Messages",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_Messages_Status_NextAttemptAt", table: "Messages", columns: ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex(name: "IX_MessageAttempts_MessageId_Attempt", table: "MessageAttempts", columns: ["MessageId", "Attempt"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "MessageAttempts");
        migrationBuilder.DropIndex(name: "IX_Messages_Status_NextAttemptAt", table: "Messages");
        migrationBuilder.DropColumn(name: "LastError", table: "Messages");
        migrationBuilder.DropColumn(name: "NextAttemptAt", table: "Messages");
        migrationBuilder.DropColumn(name: "AttemptCount", table: "Messages");
    }
}
