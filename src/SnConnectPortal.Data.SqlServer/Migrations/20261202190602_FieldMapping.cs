using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FieldMapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UrgencyThreshold",
                table: "Connections");

            migrationBuilder.AddColumn<string>(
                name: "Warnings",
                table: "Messages",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FieldMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    TableName = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Rules = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ThresholdField = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: true),
                    ThresholdMinimum = table.Column<decimal>(type: "decimal(12,4)", precision: 12, scale: 4, nullable: true),
                    TargetFields = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TargetFieldsReadAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FieldMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FieldMappings_Connections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "Connections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FieldMappings_ConnectionId_TableName",
                table: "FieldMappings",
                columns: new[] { "ConnectionId", "TableName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FieldMappings");

            migrationBuilder.DropColumn(
                name: "Warnings",
                table: "Messages");

            migrationBuilder.AddColumn<double>(
                name: "UrgencyThreshold",
                table: "Connections",
                type: "float",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
