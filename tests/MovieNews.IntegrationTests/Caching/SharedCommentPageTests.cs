using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Caching;

/// <summary>
/// Readers whose page is private (an editor, a commenter with saved details) but who have no comments of their own on
/// it share one kept page of comments per change (CommentPageCache). These say it is never stale and never anyone's.
/// </summary>
public sealed class SharedCommentPageTests(CountingFactory factory) : IClassFixture<CountingFactory>
{
    /// <summary>A reader whose page is their own (a saved-details cookie) but who has written nothing on it.</summary>
    private HttpClient PrivateReader(string address)
    {
        var client = factory.CreateBrowserClient(address);
        client.DefaultRequestHeaders.Add("Cookie", "mn_commenter=unreadable");
        return client;
    }

    private async Task<string> ArticleWithCommentsAsync(string slug, int count)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var poster = factory.CreateBrowserClient("198.51.100.210");
        for (var i = 0; i < count; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await poster.PostCommentAsync($"/articles/{slug}", Comment($"Kept comment {i} on {slug}", name: $"Kept Author {i}"));
        }

        return $"/articles/{slug}";
    }

    private static async Task<string> CommentListAsync(HttpClient client, string url) =>
        (await client.GetOkPageAsync(url)).QuerySelector("#comments > ol.comment-list")!.OuterHtml;

    [Fact]
    public async Task A_second_private_reader_gets_the_same_comments_without_reading_them_again()
    {
        var url = await ArticleWithCommentsAsync("kept-same", 3);
        var first = await CommentListAsync(PrivateReader("198.51.100.211"), url);

        factory.Counter.Reset();
        var second = await CommentListAsync(PrivateReader("198.51.100.212"), url);

        Assert.Equal(first, second);
        Assert.DoesNotContain(factory.Counter.Commands, sql => sql.Contains("FROM \"Comments\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kept_list_is_the_same_markup_anonymous_readers_get()
    {
        var url = await ArticleWithCommentsAsync("kept-markup", 2);
        var kept = await CommentListAsync(PrivateReader("198.51.100.213"), url);
        kept = await CommentListAsync(PrivateReader("198.51.100.214"), url);

        Assert.Equal(await CommentListAsync(factory.CreateBrowserClient("198.51.100.215"), url), kept);
    }

    [Fact]
    public async Task A_new_comment_reaches_private_readers_at_once()
    {
        var url = await ArticleWithCommentsAsync("kept-new", 1);
        var reader = PrivateReader("198.51.100.216");
        await CommentListAsync(reader, url);

        await factory.CreateBrowserClient("198.51.100.217").PostCommentAsync(url, Comment("Arrived after the page was kept"));

        Assert.Contains("Arrived after the page was kept", await CommentListAsync(reader, url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_sees_a_comment_disappear_when_it_is_trashed()
    {
        var url = await ArticleWithCommentsAsync("kept-trash", 2);
        var admin = await factory.SignedInAdminAsync();
        Assert.Contains("Kept comment 1 on kept-trash", await CommentListAsync(admin, url), StringComparison.Ordinal);
        var id = (await admin.GetOkPageAsync(url)).QuerySelectorAll("#comments article.comment")[^1].Id!["comment-".Length..];

        await admin.SubmitAsync(await admin.GetOkPageAsync("/admin/comments?status=approved"), $"main form:has(#queue-{id})", null, $"button[value='Trash:{id}']");

        Assert.DoesNotContain("Kept comment 1 on kept-trash", await CommentListAsync(admin, url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_held_comment_is_shown_to_its_author_only_while_others_share_the_kept_page()
    {
        var url = await ArticleWithCommentsAsync("kept-held", 1);
        var other = PrivateReader("198.51.100.218");
        await CommentListAsync(other, url);
        var author = factory.CreateBrowserClient("198.51.100.219");

        var posted = await author.PostCommentAsync(url, Comment("Held for links https://a.example https://b.example"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains("Held for links", await CommentListAsync(author, url), StringComparison.Ordinal);
        Assert.DoesNotContain("Held for links", await CommentListAsync(other, url), StringComparison.Ordinal);
    }
}
