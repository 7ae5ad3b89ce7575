using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.SqlServer.Migrations
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
                type: "nvarchar(55)",
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
