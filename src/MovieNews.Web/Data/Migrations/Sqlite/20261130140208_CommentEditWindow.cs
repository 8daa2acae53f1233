using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentEditWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EditedUtc",
                table: "Comments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommentRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommentId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", nullable: false),
                    ReplacedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommentRevisions_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommentRevisions_CommentId_ReplacedUtc",
                table: "CommentRevisions",
                columns: new[] { "CommentId", "ReplacedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommentRevisions");

            migrationBuilder.DropColumn(
                name: "EditedUtc",
                table: "Comments");
        }
    }
}
