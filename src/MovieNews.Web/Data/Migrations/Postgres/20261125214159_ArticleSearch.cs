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
            // Words are lower-cased and stripped of accents, with no stemming and no stop words: what the SQLite
            // index (unicode61, remove_diacritics) does. unaccent is a trusted extension: a database owner may add it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("CREATE TEXT SEARCH CONFIGURATION movienews_search (COPY = pg_catalog.simple);");
            migrationBuilder.Sql("ALTER TEXT SEARCH CONFIGURATION movienews_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;");

            // A stored generated column: PostgreSQL keeps the search document current with every insert and
            // update of the article itself. Titles weigh A, the excerpt and body B.
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchDocument" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('movienews_search'::regconfig, coalesce("Title", '')), 'A') ||
                    setweight(to_tsvector('movienews_search'::regconfig, coalesce("Excerpt", '') || ' ' || coalesce("BodyMarkdown", '')), 'B')
                ) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchDocument" ON "Articles" USING GIN ("SearchDocument");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_SearchDocument";""");
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchDocument";""");
            migrationBuilder.Sql("DROP TEXT SEARCH CONFIGURATION movienews_search;");
        }
    }
}
