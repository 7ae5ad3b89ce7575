using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SnConnectPortal.Data.Postgres.Migrations
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FieldMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectionId = table.Column<long>(type: "bigint", nullable: false),
                    TableName = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Rules = table.Column<string>(type: "text", nullable: false),
                    ThresholdField = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    ThresholdMinimum = table.Column<decimal>(type: "numeric(12,4)", precision: 12, scale: 4, nullable: true),
                    TargetFields = table.Column<string>(type: "text", nullable: false),
                    TargetFieldsReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);
        }
    }
}
