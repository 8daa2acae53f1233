using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentLikesAndPicks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "BestScore",
                table: "Comments",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "LikeCount",
                table: "Comments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "PickedUtc",
                table: "Comments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CommentCount",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CommentLikes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CommentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentLikes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommentLikes_Comments_CommentId",
                        column: x => x.CommentId,
                        principalTable: "Comments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ArticleId_PickedUtc",
                table: "Comments",
                columns: new[] { "ArticleId", "PickedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CommentLikes_CommentId_ClientHash",
                table: "CommentLikes",
                columns: new[] { "CommentId", "ClientHash" },
                unique: true);

            // Counts for the articles that exist, so their cards are right before the first comment changes.
            migrationBuilder.Sql("UPDATE \"Articles\" SET \"CommentCount\" = (SELECT COUNT(*) FROM \"Comments\" c WHERE c.\"ArticleId\" = \"Articles\".\"Id\" AND c.\"Status\" = 'Approved');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommentLikes");

            migrationBuilder.DropIndex(
                name: "IX_Comments_ArticleId_PickedUtc",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "BestScore",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "LikeCount",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "PickedUtc",
                table: "Comments");

            migrationBuilder.DropColumn(
                name: "CommentCount",
                table: "Articles");
        }
    }
}
