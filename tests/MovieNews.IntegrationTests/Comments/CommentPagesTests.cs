using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

public sealed class TwoThreadsPerPageFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Moderation:CommentsPerPage"] = "2",
    };
}

public sealed class CommentPagesTests(TwoThreadsPerPageFactory factory) : IClassFixture<TwoThreadsPerPageFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    private async Task<int[]> ThreadsAsync(string slug, int count)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            var response = await _client.PostCommentAsync($"/articles/{slug}", Comment($"Thread {i + 1} on {slug}"));
            ids[i] = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        }

        return ids;
    }

    [Fact]
    public async Task Threads_are_paginated_oldest_first_by_top_level_comment()
    {
        var ids = await ThreadsAsync("paged-threads", 5);

        var first = await _client.GetOkPageAsync("/articles/paged-threads");
        var third = await _client.GetOkPageAsync("/articles/paged-threads?cpage=3");

        Assert.Equal([$"comment-{ids[0]}", $"comment-{ids[1]}"], first.QuerySelectorAll("#comments > ol > li > article").Select(a => a.Id));
        Assert.Equal([$"comment-{ids[4]}"], third.QuerySelectorAll("#comments > ol > li > article").Select(a => a.Id));
        Assert.Equal("5 thoughts on “Test article paged-threads”", third.QuerySelector("#comments-title")!.TextContent);
        Assert.Equal("/articles/paged-threads?cpage=2#comments", first.QuerySelector("#comments .pagination a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_permalink_redirects_to_the_page_and_anchor_that_show_the_comment()
    {
        var ids = await ThreadsAsync("permalinks", 5);
        var reply = CommentQueries.CommentId((await _client.PostCommentAsync($"/articles/permalinks?cpage=2&replyto={ids[3]}", Comment("A reply on page two")))
            .Headers.Location!.OriginalString);

        var toFirst = await _client.GetAsync($"/articles/permalinks/comments/{ids[0]}");
        var toLast = await _client.GetAsync($"/articles/permalinks/comments/{ids[4]}");
        var toReply = await _client.GetAsync($"/articles/permalinks/comments/{reply}");

        Assert.Equal($"/articles/permalinks#comment-{ids[0]}", toFirst.Headers.Location!.OriginalString);
        Assert.Equal($"/articles/permalinks?cpage=3#comment-{ids[4]}", toLast.Headers.Location!.OriginalString);
        Assert.Equal($"/articles/permalinks?cpage=2#comment-{reply}", toReply.Headers.Location!.OriginalString);
        Assert.NotNull((await _client.GetOkPageAsync("/articles/permalinks?cpage=2")).QuerySelector($"#comment-{reply}"));
    }

    [Fact]
    public async Task Reply_links_on_later_pages_keep_their_page()
    {
        var ids = await ThreadsAsync("reply-on-page-two", 3);

        var page = await _client.GetOkPageAsync("/articles/reply-on-page-two?cpage=2");

        Assert.Equal($"?cpage=2&replyto={ids[2]}#respond", page.QuerySelector($"#comment-{ids[2]} a.comment-reply")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/articles/will-there-be-a-purple-hearts-2/comments/999999", HttpStatusCode.NotFound)]
    [InlineData("/articles/will-there-be-a-purple-hearts-2/comments/abc", HttpStatusCode.NotFound)]
    [InlineData("/articles/will-there-be-a-purple-hearts-2/comments/-1", HttpStatusCode.NotFound)]
    [InlineData("/articles/no-such-article/comments/1", HttpStatusCode.NotFound)]
    [InlineData("/articles/will-there-be-a-purple-hearts-2?cpage=abc", HttpStatusCode.BadRequest)]
    [InlineData("/articles/will-there-be-a-purple-hearts-2?cpage=0", HttpStatusCode.BadRequest)]
    [InlineData("/articles/will-there-be-a-purple-hearts-2?cpage=999999", HttpStatusCode.NotFound)]
    public async Task Bad_comment_addresses_answer_4xx(string url, HttpStatusCode expected) =>
        Assert.Equal(expected, (await _client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task A_permalink_to_a_held_comment_is_404_for_everyone_but_its_author()
    {
        await factory.CreateArticleAsync("held-permalink", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var author = factory.CreateBrowserClient("192.0.2.50");
        var location = (await author.PostCommentAsync("/articles/held-permalink", Comment("Held: https://a.example https://b.example"))).Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.Redirect, (await author.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient("192.0.2.51").GetAsync(location)).StatusCode);
    }
}
