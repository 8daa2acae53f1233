using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>
/// A site from before display names: the database is taken back to the migration before StaffDisplayNames,
/// filled with what the old code wrote (email bylines, names derived from emails), then migrated again. Runs on
/// whichever engine the suite runs on, so each engine's copy of the SQL is exercised.
/// </summary>
public sealed class LegacyBylinesFactory : MovieNewsFactory, IAsyncLifetime
{
    public const string Named = "legacy.named@movienews.test";
    public const string Blank = "legacy.blank@movienews.test";
    public const string LocalPart = "legacy.local@movienews.test";
    public const string EmailNamed = "legacy.email@movienews.test";

    public int StaffReplyId { get; private set; }
    public int ReaderCommentId { get; private set; }
    public IReadOnlyDictionary<string, int> CommentsVersionsBefore { get; private set; } = new Dictionary<string, int>();

    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MovieNewsDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var previous = migrations[migrations.FindIndex(m => m.EndsWith("_StaffDisplayNames", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(previous);

        await CreateLegacyUserAsync(db, Named, "Lee Named");
        await CreateLegacyUserAsync(db, Blank, "");
        await CreateLegacyUserAsync(db, LocalPart, "legacy.local");
        await CreateLegacyUserAsync(db, EmailNamed, EmailNamed);

        foreach (var (slug, author) in new[]
        {
            ("legacy-named", Named), ("legacy-blank", "LEGACY.BLANK@movienews.test"), ("legacy-guest", "Guest Writer"), ("legacy-stranger", "stranger@example.com"),
        })
        {
            await InsertLegacyArticleAsync(db, slug, author);
        }

        var articleId = (await db.Database.SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "Articles" WHERE "Slug" = 'legacy-guest'""").ToListAsync()).Single();
        // Rows as the old code wrote them, in SQL: the model's later columns (comments' and articles') do not exist at this migration yet.
        StaffReplyId = await InsertLegacyCommentAsync(db, articleId, Named, Named, "Staff reply.", staff: true);
        ReaderCommentId = await InsertLegacyCommentAsync(db, articleId, Named, null, "A reader using that name.", staff: false);
        CommentsVersionsBefore = (await db.Database.SqlQueryRaw<LegacyVersion>("""SELECT "Slug", "CommentsVersion" FROM "Articles" WHERE "Slug" LIKE 'legacy-%'""").ToListAsync())
            .ToDictionary(a => a.Slug, a => a.CommentsVersion);

        await db.GetService<IMigrator>().MigrateAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>An editor account as the old code stored it, in SQL: the model's later account columns do not exist at this migration.</summary>
    private static async Task CreateLegacyUserAsync(MovieNewsDbContext db, string email, string displayName)
    {
        var id = Guid.NewGuid().ToString();
        var normalized = email.ToUpperInvariant();
        var createdUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "CreatedUtc")
            VALUES ({id}, {email}, {normalized}, {email}, {normalized}, {false}, {Guid.NewGuid().ToString()}, {Guid.NewGuid().ToString()},
                {false}, {false}, {true}, 0, {displayName}, {createdUtc})
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT {id}, "Id" FROM "AspNetRoles" WHERE "Name" = {Roles.Editor}
            """);
    }

    private sealed record LegacyVersion(string Slug, int CommentsVersion);

    private static async Task InsertLegacyArticleAsync(MovieNewsDbContext db, string slug, string author)
    {
        var publishedUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Articles" ("Slug", "Title", "Excerpt", "BodyMarkdown", "BodyHtml", "ReadingMinutes", "AuthorName", "Status", "PublishedUtc", "CreatedUtc", "UpdatedUtc", "CommentsOpen", "Version", "CommentsVersion")
            VALUES ({slug}, {"Legacy " + slug}, '', 'Old text.', '<p>Old text.</p>', 1, {author}, 'Published', {publishedUtc}, {publishedUtc}, {publishedUtc}, {true}, 1, 0)
            """);
    }

    private static async Task<int> InsertLegacyCommentAsync(MovieNewsDbContext db, int articleId, string name, string? email, string body, bool staff)
    {
        var createdUtc = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        // An empty list of reasons: a JSON array on SQLite, a text[] on PostgreSQL.
        var noReasons = db.Database.IsNpgsql() ? "'{{}}'" : "'[]'"; // braces doubled: the SQL is a format string
        var insert = $$"""
            INSERT INTO "Comments" ("ArticleId", "ThreadRootId", "Depth", "AuthorName", "AuthorEmail", "BodyMarkdown", "BodyHtml", "Status", "ModerationReasons", "ClientHash", "CreatedUtc", "IsStaffReply")
            VALUES ({0}, 0, 1, {1}, {2}, {3}, {4}, 'Approved', {{noReasons}}, 'legacy', {5}, {6})
            RETURNING "Id" AS "Value"
            """;
        var id = (await db.Database.SqlQueryRaw<int>(
            insert,
            articleId, name, (object?)email ?? DBNull.Value, body, "<p>" + body + "</p>", createdUtc, staff).ToListAsync()).Single();
        await db.Database.ExecuteSqlAsync($"""UPDATE "Comments" SET "ThreadRootId" = {id} WHERE "Id" = {id}""");
        return id;
    }
}

public sealed class StaffDisplayNamesMigrationTests(LegacyBylinesFactory factory) : IClassFixture<LegacyBylinesFactory>
{
    private async Task<T> QueryAsync<T>(Func<MovieNewsDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>());
    }

    private Task<string> BylineAsync(string slug) =>
        QueryAsync(db => db.Articles.Where(a => a.Slug == slug).Select(a => a.AuthorName).SingleAsync());

    [Fact]
    public async Task Accounts_whose_name_nobody_chose_get_the_default_name()
    {
        var names = await QueryAsync(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => u.DisplayName));

        Assert.Equal(DisplayNames.Default, names[LegacyBylinesFactory.Blank]);
        Assert.Equal(DisplayNames.Default, names[LegacyBylinesFactory.LocalPart]);
        Assert.Equal(DisplayNames.Default, names[LegacyBylinesFactory.EmailNamed]);
        Assert.Equal("Lee Named", names[LegacyBylinesFactory.Named]);
    }

    [Fact]
    public async Task Article_bylines_that_are_a_staff_email_become_that_accounts_display_name()
    {
        Assert.Equal("Lee Named", await BylineAsync("legacy-named"));
        Assert.Equal(DisplayNames.Default, await BylineAsync("legacy-blank"));
    }

    [Fact]
    public async Task Other_bylines_are_left_as_they_were()
    {
        Assert.Equal("Guest Writer", await BylineAsync("legacy-guest"));
        Assert.Equal("stranger@example.com", await BylineAsync("legacy-stranger"));
    }

    [Fact]
    public async Task A_staff_reply_signed_with_a_staff_email_takes_the_display_name_and_readers_comments_keep_theirs()
    {
        var names = await QueryAsync(db => db.Comments.AsNoTracking()
            .Where(c => c.Id == factory.StaffReplyId || c.Id == factory.ReaderCommentId).ToDictionaryAsync(c => c.Id, c => c.AuthorName));

        Assert.Equal("Lee Named", names[factory.StaffReplyId]);
        Assert.Equal(LegacyBylinesFactory.Named, names[factory.ReaderCommentId]);
    }

    [Fact]
    public async Task Pages_whose_bylines_changed_get_a_new_etag_so_browsers_fetch_them_again()
    {
        var after = await QueryAsync(db => db.Articles.AsNoTracking().Where(a => a.Slug.StartsWith("legacy-")).ToDictionaryAsync(a => a.Slug, a => a.CommentsVersion));

        Assert.True(after["legacy-named"] > factory.CommentsVersionsBefore["legacy-named"]);
        Assert.True(after["legacy-guest"] > factory.CommentsVersionsBefore["legacy-guest"]);
        Assert.Equal(factory.CommentsVersionsBefore["legacy-stranger"], after["legacy-stranger"]);
    }
}
