using System.Security.Cryptography;
using System.Text;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>Article cards show each article's stored comment count; comments show avatars drawn from a keyed hash of the e-mail.</summary>
public sealed class CommentCountsAndAvatarsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _author = factory.CreateBrowserClient("198.51.100.60");

    private async Task<int> PostAsync(string slug, string body, string? email = null, string name = "Test Reader") =>
        CommentQueries.CommentId((await _author.PostCommentAsync($"/articles/{slug}", Comment(body, name: name, email: email))).Headers.Location!.OriginalString);

    private static string? CountOnCard(AngleSharp.Dom.IDocument page, string slug) =>
        page.QuerySelector($"article.article-summary:has(a[href='/articles/{slug}']) .comment-count")?.TextContent;

    [Fact]
    public async Task Cards_on_the_home_and_tag_pages_show_how_many_comments_an_article_has()
    {
        await factory.CreateArticleAsync("counted", ArticleStatus.Published, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), "counted-tag");
        await PostAsync("counted", "First of two");
        await PostAsync("counted", "Second of two");
        var reader = factory.CreateBrowserClient();

        Assert.Equal("2 comments", CountOnCard(await reader.GetOkPageAsync("/"), "counted"));
        Assert.Equal("2 comments", CountOnCard(await reader.GetOkPageAsync("/tags/counted-tag"), "counted"));
    }

    [Fact]
    public async Task Search_results_show_how_many_comments_an_article_has()
    {
        await factory.CreateArticleAsync("zebracount", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await PostAsync("zebracount", "Only one");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/search?q=zebracount");

        Assert.Equal("1 comment", CountOnCard(page, "zebracount"));
    }

    [Fact]
    public async Task A_held_comment_is_not_counted_on_the_cards()
    {
        await factory.CreateArticleAsync("counted-held", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "counted-held-tag");
        await PostAsync("counted-held", "Approved one");
        await PostAsync("counted-held", "Held: https://a.example https://b.example");

        Assert.Equal("1 comment", CountOnCard(await factory.CreateBrowserClient().GetOkPageAsync("/tags/counted-held-tag"), "counted-held"));
    }

    [Fact]
    public async Task A_comment_moderated_away_leaves_the_count_on_the_cards_at_once()
    {
        await factory.CreateArticleAsync("counted-trash", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "counted-trash-tag");
        await PostAsync("counted-trash", "Stays");
        var trashed = await PostAsync("counted-trash", "Goes");
        var reader = factory.CreateBrowserClient();
        Assert.Equal("2 comments", CountOnCard(await reader.GetOkPageAsync("/tags/counted-trash-tag"), "counted-trash"));

        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetOkPageAsync("/admin/comments?status=approved"), $"main form:has(#queue-{trashed})", null, $"button[value='Trash:{trashed}']");

        Assert.Equal("1 comment", CountOnCard(await reader.GetOkPageAsync("/tags/counted-trash-tag"), "counted-trash"));
    }

    [Fact]
    public async Task Approving_a_held_comment_counts_it_on_the_cards_at_once()
    {
        await factory.CreateArticleAsync("counted-approved", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "counted-approved-tag");
        await PostAsync("counted-approved", "Counted from the start");
        var held = await PostAsync("counted-approved", "Held until approved: https://c.example https://d.example");
        var reader = factory.CreateBrowserClient();
        Assert.Equal("1 comment", CountOnCard(await reader.GetOkPageAsync("/tags/counted-approved-tag"), "counted-approved"));

        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetOkPageAsync("/admin/comments"), $"main form:has(#queue-{held})", null, $"button[value='Approve:{held}']");

        Assert.Equal("2 comments", CountOnCard(await reader.GetOkPageAsync("/tags/counted-approved-tag"), "counted-approved"));
    }

    [Fact]
    public async Task Replies_count_like_comments_and_many_posts_keep_the_count_exact()
    {
        await factory.CreateArticleAsync("counted-many", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), "counted-many-tag");
        var parent = await PostAsync("counted-many", "The first");
        for (var i = 0; i < 5; i++)
        {
            await _author.PostCommentAsync("/articles/counted-many", Comment($"Reply number {i}", parentId: parent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal("6 comments", CountOnCard(await factory.CreateBrowserClient().GetOkPageAsync("/tags/counted-many-tag"), "counted-many"));
    }

    [Fact]
    public async Task The_same_email_always_gets_the_same_avatar_and_another_email_another()
    {
        await factory.CreateArticleAsync("avatars-same", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = await PostAsync("avatars-same", "One", "reader.one@example.com");
        var again = await PostAsync("avatars-same", "Two", " Reader.One@Example.com");
        var other = await PostAsync("avatars-same", "Three", "reader.two@example.com");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/avatars-same");
        string Avatar(int id) => page.QuerySelector($"#comment-{id} .avatar")!.OuterHtml;

        Assert.Equal(Avatar(first), Avatar(again));
        Assert.NotEqual(Avatar(first), Avatar(other));
    }

    [Fact]
    public async Task An_avatar_shows_neither_the_email_nor_a_plain_hash_of_it()
    {
        const string Email = "private.person@example.com";
        await factory.CreateArticleAsync("avatars-private", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await PostAsync("avatars-private", "Hello", Email);
        var bytes = Encoding.UTF8.GetBytes(Email);

        var html = await (await factory.CreateBrowserClient().GetAsync("/articles/avatars-private")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("private.person", html, StringComparison.OrdinalIgnoreCase);
        // Gravatar's MD5 (and its newer SHA-256) of the address are what a leaking avatar would show: computed here only to look for them.
#pragma warning disable CA5350, CA5351
        byte[][] plainHashes = [MD5.HashData(bytes), SHA1.HashData(bytes), SHA256.HashData(bytes)];
#pragma warning restore CA5350, CA5351
        foreach (var hash in plainHashes)
        {
            Assert.DoesNotContain(Convert.ToHexStringLower(hash)[..12], html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("gravatar", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_author_without_an_email_gets_the_neutral_avatar()
    {
        await factory.CreateArticleAsync("avatars-neutral", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var anonymous = await PostAsync("avatars-neutral", "No address");
        var known = await PostAsync("avatars-neutral", "With address", "known@example.com");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/avatars-neutral");

        var neutral = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Avatar.Neutral.Markup).QuerySelector(".avatar")!.OuterHtml;
        Assert.Equal(neutral, page.QuerySelector($"#comment-{anonymous} .avatar")!.OuterHtml);
        Assert.NotEqual(neutral, page.QuerySelector($"#comment-{known} .avatar")!.OuterHtml);
    }
}
