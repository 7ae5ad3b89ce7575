using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SnConnectPortal.Data.Sqlite.Migrations;

/// <summary>The inbound receiver's endpoints (one per connection), the message log and the attachments it carried.</summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261121030000_Messages")]
public sealed class Messages : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "InboundEndpoints",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                ConnectionKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                PasswordHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                PasswordSetAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                PasswordSetBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                RateLimitPerSecond = table.Column<int>(type: "INTEGER", nullable: true),
                CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InboundEndpoints", x => x.Id);
                table.ForeignKey(
                    name: "FK_InboundEndpoints_Connections_ConnectionId",
                    column: x => x.ConnectionId,
                    principalTable: "Connections",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Messages",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                ConnectionId = table.Column<long>(type: "INTEGER", nullable: false),
                Direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                TableName = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                EventName = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                RecordSysId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                CorrelationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                ResponseId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                DurationMs = table.Column<int>(type: "INTEGER", nullable: true),
                Headers = table.Column<string>(type: "TEXT", nullable: false),
                Payload = table.Column<string>(type: "TEXT", nullable: false),
                PayloadBytes = table.Column<int>(type: "INTEGER", nullable: false),
                RemoteAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Messages", x => x.Id));

        migrationBuilder.CreateTable(
            name: "MessageAttachments",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                SysId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                DeclaredSizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                Hash = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                ContentBytes = table.Column<long>(type: "INTEGER", nullable: true),
                HashMatches = table.Column<bool>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_MessageAttachments", x => x.Id);
                table.ForeignKey(
                    name: "FK_MessageAttachments_Messages_MessageId",
                    column: x => x.MessageId,
                    principalTable: "Messages",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(name: "IX_InboundEndpoints_ConnectionId", table: "InboundEndpoints", column: "ConnectionId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_InboundEndpoints_ConnectionKey", table: "InboundEndpoints", column: "ConnectionKey", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Messages_ResponseId", table: "Messages", column: "ResponseId", unique: true);
        migrationBuilder.CreateIndex(name: "IX_Messages_ReceivedAt", table: "Messages", column: "ReceivedAt");
        migrationBuilder.CreateIndex(name: "IX_Messages_ConnectionId_ReceivedAt", table: "Messages", columns: ["ConnectionId", "ReceivedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Messages_ConnectionId_Status_ReceivedAt", table: "Messages", columns: ["ConnectionId", "Status", "ReceivedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Messages_Status_ReceivedAt", table: "Messages", columns: ["Status", "ReceivedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Messages_Direction_ReceivedAt", table: "Messages", columns: ["Direction", "ReceivedAt"]);
        migrationBuilder.CreateIndex(name: "IX_Messages_Number", table: "Messages", column: "Number");
        migrationBuilder.CreateIndex(name: "IX_Messages_CorrelationId", table: "Messages", column: "CorrelationId");
        migrationBuilder.CreateIndex(name: "IX_MessageAttachments_MessageId", table: "MessageAttachments", column: "MessageId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "MessageAttachments");
        migrationBuilder.DropTable(name: "Messages");
        migrationBuilder.DropTable(name: "InboundEndpoints");
    }
}
