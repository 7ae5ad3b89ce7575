using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EventsApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EventId",
                table: "Messages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages",
                columns: new[] { "ConnectionId", "EventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConnectionId_EventId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "EventId",
                table: "Messages");
        }
    }
}
