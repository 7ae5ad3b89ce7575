using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PartialMessageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Status_NextAttemptAt",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages",
                columns: new[] { "ConnectionId", "EventId" },
                unique: true,
                filter: "\"EventId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_NextAttemptAt_Id",
                table: "Messages",
                columns: new[] { "NextAttemptAt", "Id" },
                filter: "\"NextAttemptAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_NextAttemptAt_Id",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages",
                columns: new[] { "ConnectionId", "EventId" },
                unique: true,
                filter: "[EventId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Status_NextAttemptAt",
                table: "Messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
