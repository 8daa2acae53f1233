using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A stored generated column: PostgreSQL keeps the search document current with every insert and
            // update of the article itself. Titles weigh A, the excerpt and body B; 'simple' (no stemming, no
            // stop words) matches what the SQLite index does.
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchDocument" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, coalesce("Title", '')), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, coalesce("Excerpt", '') || ' ' || coalesce("BodyMarkdown", '')), 'B')
                ) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchDocument" ON "Articles" USING GIN ("SearchDocument");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_SearchDocument";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchDocument";""");
        }
    }
}
