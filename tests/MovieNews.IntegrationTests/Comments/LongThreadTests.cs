using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>
/// A comment page has a bounded size however long its threads grow (50 threads a page, so 100 comments at most):
/// short threads show whole, a long one shows its oldest replies and links to its own pages, which show the rest.
/// </summary>
public sealed class LongThreadTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient("198.51.100.140");

    /// <summary>Three threads: the first with <paramref name="longReplies"/> replies (each answering the one before), the second with three, the third with none.</summary>
    private async Task<(int[] Roots, List<int> LongThread)> ArticleAsync(string slug, int longReplies = 150)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var roots = new int[3];
        for (var i = 0; i < roots.Length; i++)
        {
            roots[i] = CommentQueries.CommentId((await _client.PostCommentAsync($"/articles/{slug}", Comment($"Thread {i + 1} of {slug}"))).Headers.Location!.OriginalString);
        }

        var longThread = await RepliesAsync(roots[0], longReplies, chained: true);
        await RepliesAsync(roots[1], 3, chained: false);
        return (roots, longThread);
    }

    /// <summary>Stored directly (posting 150 replies through the form would only test the flood rule); saving evicts the page as any write does.</summary>
    private async Task<List<int>> RepliesAsync(int rootId, int count, bool chained)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var root = await db.Comments.FindAsync(rootId) ?? throw new InvalidOperationException("No root comment.");
        var ids = new List<int>();
        var parent = root;
        for (var i = 0; i < count; i++)
        {
            var reply = new Comment
            {
                ArticleId = root.ArticleId,
                ParentId = parent.Id,
                ThreadRootId = root.Id,
                Depth = Math.Min(parent.Depth + 1, 5),
                AuthorName = $"Replier {i + 1}",
                BodyMarkdown = $"Reply {i + 1} to {rootId}",
                BodyHtml = $"<p>Reply {i + 1} to {rootId}</p>",
                Status = CommentStatus.Approved,
                ClientHash = $"replier-{i}",
                CreatedUtc = root.CreatedUtc.AddMinutes(i + 1),
            };
            db.Comments.Add(reply);
            await db.SaveChangesAsync();
            ids.Add(reply.Id);
            parent = chained ? reply : root;
        }

        return ids;
    }

    [Fact]
    public async Task A_long_thread_shows_its_oldest_replies_within_the_page_budget_and_links_to_the_rest()
    {
        var (roots, longThread) = await ArticleAsync("long-thread-page");

        var page = await _client.GetOkPageAsync("/articles/long-thread-page");

        var shown = page.QuerySelectorAll("#comments article.comment").Select(a => a.Id).ToList();
        Assert.Equal(100, shown.Count);
        Assert.Equal(longThread.Take(94).Select(id => $"comment-{id}"), shown.Where(id => longThread.Contains(int.Parse(id!["comment-".Length..]))));
        var more = Assert.Single(page.QuerySelectorAll("#comments a.comment-more"));
        Assert.Equal($"/articles/long-thread-page/comments/{roots[0]}/thread", more.GetAttribute("href"));
        Assert.StartsWith("56 more replies", more.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll($"#comment-{roots[1]} + details article.comment").Length);
        Assert.Equal("156 thoughts on “Test article long-thread-page”", page.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task A_threads_own_pages_show_every_reply_once_oldest_first_under_its_top_comment()
    {
        var (roots, longThread) = await ArticleAsync("long-thread-own-pages");

        var first = await _client.GetOkPageAsync($"/articles/long-thread-own-pages/comments/{roots[0]}/thread");
        var second = await _client.GetOkPageAsync($"/articles/long-thread-own-pages/comments/{roots[0]}/thread?cpage=2");

        static List<int> Replies(AngleSharp.Dom.IDocument page, int root) =>
            [.. page.QuerySelectorAll("#comments article.comment").Select(a => int.Parse(a.Id!["comment-".Length..])).Where(id => id != root)];
        Assert.Equal(longThread, Replies(first, roots[0]).Concat(Replies(second, roots[0])));
        Assert.Equal(100, Replies(first, roots[0]).Count);
        Assert.NotNull(second.QuerySelector($"#comment-{roots[0]}"));
        Assert.Equal($"/articles/long-thread-own-pages/comments/{roots[0]}/thread?cpage=2", first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Contains("150 replies", first.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permalink_to_a_reply_past_the_cut_opens_the_threads_page_that_shows_it()
    {
        var (roots, longThread) = await ArticleAsync("long-thread-permalinks");

        var early = await _client.GetAsync($"/articles/long-thread-permalinks/comments/{longThread[10]}");
        var late = await _client.GetAsync($"/articles/long-thread-permalinks/comments/{longThread[119]}");

        Assert.Equal($"/articles/long-thread-permalinks#comment-{longThread[10]}", early.Headers.Location!.OriginalString);
        Assert.Equal($"/articles/long-thread-permalinks/comments/{roots[0]}/thread?cpage=2#comment-{longThread[119]}", late.Headers.Location!.OriginalString);
        Assert.NotNull((await _client.GetOkPageAsync(late.Headers.Location.OriginalString.Split('#')[0])).QuerySelector($"#comment-{longThread[119]}"));
    }

    [Fact]
    public async Task Reply_and_like_on_a_threads_page_use_the_article_form_and_come_back_to_the_thread()
    {
        var (roots, longThread) = await ArticleAsync("long-thread-actions", longReplies: 120);
        var page = await _client.GetOkPageAsync($"/articles/long-thread-actions/comments/{roots[0]}/thread?cpage=2");
        var reply = page.QuerySelector($"#comment-{longThread[110]} a.comment-reply")!.GetAttribute("href");
        var likeForm = page.QuerySelector($"form[id='{Web.Pages.Articles.CommentListModel.LikeFormId}']")!;

        var liked = await _client.PostAsync(likeForm.GetAttribute("action"), new FormUrlEncodedContent([new("comment", longThread[110].ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal($"/articles/long-thread-actions?replyto={longThread[110]}#respond", reply);
        Assert.Equal(HttpStatusCode.SeeOther, liked.StatusCode);
        Assert.Equal($"/articles/long-thread-actions/comments/{roots[0]}/thread?cpage=2#comment-{longThread[110]}", liked.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_seed_article_fits_its_page_and_cuts_no_thread()
    {
        var page = await _client.GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2");
        var firstThread = await _client.GetOkPageAsync("/articles/will-there-be-a-purple-hearts-2/comments/1/thread");

        Assert.Empty(page.QuerySelectorAll("a.comment-more"));
        Assert.NotNull(firstThread.QuerySelector("#comment-1"));
    }

    [Fact]
    public async Task A_threads_page_answers_404_for_a_reply_an_unknown_comment_or_a_page_past_the_last_and_400_for_a_bad_page()
    {
        var (roots, longThread) = await ArticleAsync("long-thread-refusals", longReplies: 5);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/articles/long-thread-refusals/comments/{longThread[0]}/thread")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/articles/long-thread-refusals/comments/999999/thread")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/articles/long-thread-refusals/comments/{roots[0]}/thread?cpage=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/articles/no-such-article/comments/{roots[0]}/thread")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/articles/long-thread-refusals/comments/{roots[0]}/thread?cpage=abc")).StatusCode);
    }
}
