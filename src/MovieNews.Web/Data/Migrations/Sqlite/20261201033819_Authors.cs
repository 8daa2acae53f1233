using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Authors : Migration
    {
        /// <inheritdoc />
        // Articles written before authors existed keep the byline text they have, unlinked (CustomByline true).
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AuthorSlug",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bio",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PictureMediaId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CustomByline",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ArticleAuthors",
                columns: table => new
                {
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleAuthors", x => new { x.ArticleId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ArticleAuthors_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ArticleAuthors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_AuthorSlug",
                table: "AspNetUsers",
                column: "AuthorSlug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PictureMediaId",
                table: "AspNetUsers",
                column: "PictureMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleAuthors_UserId",
                table: "ArticleAuthors",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_MediaItems_PictureMediaId",
                table: "AspNetUsers",
                column: "PictureMediaId",
                principalTable: "MediaItems",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_MediaItems_PictureMediaId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ArticleAuthors");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_AuthorSlug",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PictureMediaId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "AuthorSlug",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Bio",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PictureMediaId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CustomByline",
                table: "Articles");
        }
    }
}
