using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ReceivedAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReceivedAt_ConnectionId_Direction",
                table: "Messages",
                columns: new[] { "ReceivedAt", "ConnectionId", "Direction" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageAttempts_StartedAt",
                table: "MessageAttempts",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ReceivedAt_ConnectionId_Direction",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_MessageAttempts_StartedAt",
                table: "MessageAttempts");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReceivedAt",
                table: "Messages",
                column: "ReceivedAt");
        }
    }
}
