using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MovieNews.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StaffDisplayNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The new 100-character limit changes no SQLite schema (StoredLengths enforces it); the data does change.
            // Plain SQL that SQLite and PostgreSQL both run, kept identical in both migration sets.
            // 1. Names nobody chose become the default: empty ones, emails, the email's local part (what the
            //    first-admin and create-user code used to derive) and anything too long for the new limit.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "DisplayName" = 'Staff'
                WHERE trim("DisplayName") = ''
                   OR "DisplayName" LIKE '%@%'
                   OR length("DisplayName") > 100
                   OR ("Email" IS NOT NULL AND "DisplayName" || '@' = substr("Email", 1, length("DisplayName") + 1));
                """);

            // 2. Bylines that are a staff account's sign-in email take that account's display name. The comments
            //    counter is bumped too: it is part of the page's ETag, so browsers holding the old page fetch it again.
            migrationBuilder.Sql("""
                UPDATE "Articles" SET
                    "AuthorName" = (SELECT u."DisplayName" FROM "AspNetUsers" u
                        WHERE lower(u."Email") = lower(trim("Articles"."AuthorName")) OR lower(u."UserName") = lower(trim("Articles"."AuthorName"))
                        LIMIT 1),
                    "CommentsVersion" = "CommentsVersion" + 1
                WHERE EXISTS (SELECT 1 FROM "AspNetUsers" u
                    WHERE lower(u."Email") = lower(trim("Articles"."AuthorName")) OR lower(u."UserName") = lower(trim("Articles"."AuthorName")));
                """);

            // 3. The same for staff replies (readers' comments are left as their authors typed them).
            migrationBuilder.Sql("""
                UPDATE "Articles" SET "CommentsVersion" = "CommentsVersion" + 1
                WHERE "Id" IN (SELECT c."ArticleId" FROM "Comments" c JOIN "AspNetUsers" u
                    ON lower(u."Email") = lower(trim(c."AuthorName")) OR lower(u."UserName") = lower(trim(c."AuthorName"))
                    WHERE c."IsStaffReply" = TRUE);
                """);
            migrationBuilder.Sql("""
                UPDATE "Comments" SET
                    "AuthorName" = (SELECT u."DisplayName" FROM "AspNetUsers" u
                        WHERE lower(u."Email") = lower(trim("Comments"."AuthorName")) OR lower(u."UserName") = lower(trim("Comments"."AuthorName"))
                        LIMIT 1)
                WHERE "IsStaffReply" = TRUE
                  AND EXISTS (SELECT 1 FROM "AspNetUsers" u
                    WHERE lower(u."Email") = lower(trim("Comments"."AuthorName")) OR lower(u."UserName") = lower(trim("Comments"."AuthorName")));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The bylines are not turned back into email addresses: that was the leak this migration closes.
        }
    }
}
