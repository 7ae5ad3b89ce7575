using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class EventAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UploadError",
                table: "MessageAttachments",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploadState",
                table: "MessageAttachments",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UploadedAt",
                table: "MessageAttachments",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageAttachmentContents",
                columns: table => new
                {
                    AttachmentId = table.Column<long>(type: "bigint", nullable: false),
                    Bytes = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageAttachmentContents", x => x.AttachmentId);
                    table.ForeignKey(
                        name: "FK_MessageAttachmentContents_MessageAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "MessageAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MessageAttachmentContents");

            migrationBuilder.DropColumn(
                name: "UploadError",
                table: "MessageAttachments");

            migrationBuilder.DropColumn(
                name: "UploadState",
                table: "MessageAttachments");

            migrationBuilder.DropColumn(
                name: "UploadedAt",
                table: "MessageAttachments");
        }
    }
}
