using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboundRateLimitPeriod : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OutboundRateLimit",
                table: "Connections",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutboundRateLimitPeriod",
                table: "Connections",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Minute");

            // Existing connections keep their limit, which was per minute; new ones start without one.
            migrationBuilder.Sql("UPDATE \"Connections\" SET \"OutboundRateLimit\" = \"OutboundRateLimitPerMinute\"");

            migrationBuilder.DropColumn(
                name: "OutboundRateLimitPerMinute",
                table: "Connections");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OutboundRateLimit",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "OutboundRateLimitPeriod",
                table: "Connections");

            migrationBuilder.AddColumn<int>(
                name: "OutboundRateLimitPerMinute",
                table: "Connections",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }
    }
}
