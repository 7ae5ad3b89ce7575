using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MessageTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Messages",
                type: "TEXT",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Messages");
        }
    }
}
