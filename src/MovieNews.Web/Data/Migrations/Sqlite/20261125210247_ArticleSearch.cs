using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text index over titles and bodies (FTS5), keyed by the article id; filled from what exists.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ArticleSearch USING fts5(Title, Body, tokenize = 'unicode61 remove_diacritics 2');");
            migrationBuilder.Sql("INSERT INTO ArticleSearch (rowid, Title, Body) SELECT Id, Title, Excerpt || char(10) || BodyMarkdown FROM Articles;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE ArticleSearch;");
        }
    }
}
