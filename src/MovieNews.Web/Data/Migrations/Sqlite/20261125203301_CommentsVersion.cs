using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommentsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CommentsVersion",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommentsVersion",
                table: "Articles");
        }
    }
}
