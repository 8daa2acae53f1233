using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_PublishedUtc",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_DeletedUtc_PublishedUtc_Status",
                table: "Articles",
                columns: new[] { "DeletedUtc", "PublishedUtc", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_DeletedUtc_PublishedUtc_Status",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_PublishedUtc",
                table: "Articles",
                columns: new[] { "Status", "PublishedUtc" });
        }
    }
}
