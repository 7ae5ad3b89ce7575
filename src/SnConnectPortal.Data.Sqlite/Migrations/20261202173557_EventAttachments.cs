using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SnConnectPortal.Data.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploadState",
                table: "MessageAttachments",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UploadedAt",
                table: "MessageAttachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MessageAttachmentContents",
                columns: table => new
                {
                    AttachmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
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
