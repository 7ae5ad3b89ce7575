using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MessageAttempts_StartedAt",
                table: "MessageAttempts",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MessageAttempts_StartedAt",
                table: "MessageAttempts");
        }
    }
}
