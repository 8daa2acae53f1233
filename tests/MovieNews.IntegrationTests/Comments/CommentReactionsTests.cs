using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>The background batch never runs on its own here: each test flushes the like counts when it means to.</summary>
public sealed class ManualLikeFlushFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Comments:LikeFlushSeconds"] = "3600",
    };

    public Task FlushLikesAsync() => Services.GetRequiredService<CommentLikeFlusher>().FlushAsync(CancellationToken.None);
}

/// <summary>Likes, the orders a conversation can be read in, and editors' picks, through the real forms.</summary>
public sealed class CommentReactionsTests(ManualLikeFlushFactory factory) : IClassFixture<ManualLikeFlushFactory>
{
    private readonly HttpClient _author = factory.CreateBrowserClient("198.51.100.10");

    private async Task<int[]> ThreadsAsync(string slug, int count)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            var response = await _author.PostCommentAsync($"/articles/{slug}", Comment($"Thread {i + 1} on {slug}", name: $"Author {i + 1}"));
            ids[i] = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        }

        return ids;
    }

    /// <summary>A reader at their own address presses the like button under a comment on the page they read.</summary>
    private async Task<HttpResponseMessage> LikeAsync(string address, string pageUrl, int commentId)
    {
        var reader = factory.CreateBrowserClient(address);
        var page = await reader.GetOkPageAsync(pageUrl);
        return await reader.SubmitAsync(page, "form[id='comments.like']", null, $"#comment-{commentId} button[form='comments.like']");
    }

    private static async Task<string[]> TopLevelIdsAsync(HttpClient client, string url) =>
        (await client.GetOkPageAsync(url)).QuerySelectorAll("#comments > ol.comment-list > li > article").Select(a => a.Id!).ToArray();

    private static string? LikeCountOf(IDocument page, int commentId) =>
        page.QuerySelector($"#comment-{commentId} .like-count")?.TextContent;

    [Fact]
    public async Task A_like_answers_303_back_to_the_comment_on_the_page_and_in_the_order_it_was_given_from()
    {
        var ids = await ThreadsAsync("like-redirect", 2);

        var response = await LikeAsync("198.51.100.20", "/articles/like-redirect?sort=newest", ids[0]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/articles/like-redirect?sort=newest#comment-{ids[0]}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_client_likes_a_comment_once_however_often_it_presses_the_button()
    {
        var ids = await ThreadsAsync("like-once", 1);

        await LikeAsync("198.51.100.21", "/articles/like-once", ids[0]);
        await LikeAsync("198.51.100.21", "/articles/like-once", ids[0]);
        await LikeAsync("198.51.100.22", "/articles/like-once", ids[0]);
        await factory.FlushLikesAsync();

        Assert.Equal("2 likes", LikeCountOf(await factory.CreateBrowserClient().GetOkPageAsync("/articles/like-once"), ids[0]));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().CommentLikes.CountAsync(l => l.CommentId == ids[0]));
    }

    [Fact]
    public async Task Like_counts_reach_the_cached_page_with_the_next_batch_not_with_each_click()
    {
        var ids = await ThreadsAsync("like-batch", 1);
        var reader = factory.CreateBrowserClient("198.51.100.23");
        var before = await reader.GetAsync("/articles/like-batch");

        await LikeAsync("198.51.100.24", "/articles/like-batch", ids[0]);
        var beforeFlush = await reader.GetAsync("/articles/like-batch");
        await factory.FlushLikesAsync();
        var afterFlush = await reader.GetOkPageAsync("/articles/like-batch");

        Assert.Equal(before.Headers.ETag, beforeFlush.Headers.ETag);
        Assert.Null(LikeCountOf(await HtmlClient.ParseAsync(beforeFlush), ids[0]));
        Assert.Equal("1 like", LikeCountOf(afterFlush, ids[0]));
    }

    [Fact]
    public async Task A_held_comment_cannot_be_liked()
    {
        await factory.CreateArticleAsync("like-held", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var location = (await _author.PostCommentAsync("/articles/like-held", Comment("Held: https://a.example https://b.example"))).Headers.Location!.OriginalString;

        var response = await factory.CreateBrowserClient("198.51.100.25").PostAsync(
            $"/articles/like-held/comments/{CommentQueries.CommentId(location)}/like", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_like_sent_from_another_site_is_refused()
    {
        var ids = await ThreadsAsync("like-cross-site", 1);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/articles/like-cross-site/comments/{ids[0]}/like") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await factory.CreateBrowserClient("198.51.100.26").SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_like_form_carries_no_token_so_the_page_stays_the_same_for_everyone()
    {
        var ids = await ThreadsAsync("like-no-token", 1);

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/like-no-token");
        var form = page.QuerySelector("form[id='comments.like']")!;

        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Empty(form.Children);
        Assert.Equal(ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector($"#comment-{ids[0]} button[form='comments.like']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_heading_called_like_in_the_article_does_not_take_the_like_buttons_form()
    {
        await factory.CreatePublishedArticleAsync("like-heading", "## Like\n\nWhat readers like about it.");
        var author = factory.CreateBrowserClient("198.51.100.29");
        var id = CommentQueries.CommentId((await author.PostCommentAsync("/articles/like-heading", Comment("Under a heading called Like"))).Headers.Location!.OriginalString);
        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/like-heading");

        var button = page.QuerySelector($"#comment-{id} button[name=comment]")!;

        Assert.NotNull(page.GetElementById("like"));
        Assert.Equal("FORM", page.GetElementById(button.GetAttribute("form")!)!.TagName);
    }

    [Fact]
    public async Task Headings_named_like_the_pages_own_parts_leave_every_id_on_the_page_unique()
    {
        var author = factory.CreateBrowserClient("198.51.100.31");
        await factory.CreatePublishedArticleAsync("page-id-headings", "## Comments\n\n## Respond\n\n## Main\n\n## Form message\n\n## Placeholder\n\nText.");
        var id = CommentQueries.CommentId((await author.PostCommentAsync("/articles/page-id-headings", Comment("Under headings named like the page's parts"))).Headers.Location!.OriginalString);
        // A heading named after the comment's own address, now that its number is known.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
            var article = await db.Articles.SingleAsync(a => a.Slug == "page-id-headings");
            article.BodyMarkdown = article.BodyMarkdown.Replace("## Placeholder", $"## Comment {id}\n\n## Comment {id} author", StringComparison.Ordinal);
            article.BodyHtml = scope.ServiceProvider.GetRequiredService<Web.Features.Rendering.MarkdownRenderer>().RenderArticle(article.BodyMarkdown).Value;
            await db.SaveChangesAsync();
        }

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/page-id-headings");

        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal("SECTION", page.GetElementById("comments")!.TagName);
        Assert.Equal("ARTICLE", page.GetElementById($"comment-{id}")!.TagName);
        Assert.NotNull(page.GetElementById($"section-comment-{id}"));
    }

    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "comment=")]
    [InlineData(3, "comment=abc")]
    [InlineData(4, "comment=-1")]
    [InlineData(5, "comment=99999999999999999999")]
    public async Task A_like_without_a_comment_number_is_refused_with_a_message(int article, string body)
    {
        await factory.CreateArticleAsync($"like-junk-{article}", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await factory.CreateBrowserClient("198.51.100.27").PostAsync($"/articles/like-junk-{article}/like", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Press the Like button", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_like_of_a_comment_on_another_article_is_not_found()
    {
        await ThreadsAsync("like-here", 1);
        var there = await ThreadsAsync("like-there", 1);
        using var content = new FormUrlEncodedContent([new("comment", there[0].ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        var response = await factory.CreateBrowserClient("198.51.100.28").PostAsync("/articles/like-here/like", content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Oldest_newest_and_best_order_the_threads_differently()
    {
        var ids = await ThreadsAsync("sort-orders", 3);
        await LikeAsync("198.51.100.30", "/articles/sort-orders", ids[1]);
        await LikeAsync("198.51.100.31", "/articles/sort-orders", ids[1]);
        await LikeAsync("198.51.100.32", "/articles/sort-orders", ids[2]);
        await factory.FlushLikesAsync();
        var reader = factory.CreateBrowserClient();
        string[] Expected(params int[] order) => [.. order.Select(i => $"comment-{ids[i]}")];

        Assert.Equal(Expected(0, 1, 2), await TopLevelIdsAsync(reader, "/articles/sort-orders"));
        Assert.Equal(Expected(2, 1, 0), await TopLevelIdsAsync(reader, "/articles/sort-orders?sort=newest"));
        Assert.Equal(Expected(1, 2, 0), await TopLevelIdsAsync(reader, "/articles/sort-orders?sort=best"));
    }

    [Fact]
    public async Task A_reported_comment_sinks_below_one_liked_as_much_in_the_best_order()
    {
        var ids = await ThreadsAsync("sort-reported", 2);
        foreach (var (address, id) in new[] { ("198.51.100.40", ids[0]), ("198.51.100.41", ids[0]), ("198.51.100.42", ids[1]), ("198.51.100.43", ids[1]) })
        {
            await LikeAsync(address, "/articles/sort-reported", id);
        }

        await factory.FlushLikesAsync();
        var reader = factory.CreateBrowserClient();
        Assert.Equal([$"comment-{ids[0]}", $"comment-{ids[1]}"], await TopLevelIdsAsync(reader, "/articles/sort-reported?sort=best"));

        Assert.Equal(HttpStatusCode.SeeOther, (await factory.CreateBrowserClient("198.51.100.44").ReportAsync("sort-reported", ids[0], "Abuse")).StatusCode);
        await factory.FlushLikesAsync();

        Assert.Equal([$"comment-{ids[1]}", $"comment-{ids[0]}"], await TopLevelIdsAsync(reader, "/articles/sort-reported?sort=best"));
        Assert.Equal("2 likes", LikeCountOf(await reader.GetOkPageAsync("/articles/sort-reported"), ids[0])?.Trim());
    }

    [Fact]
    public async Task A_dismissed_report_no_longer_counts_against_the_comment()
    {
        var ids = await ThreadsAsync("sort-dismissed", 2);
        foreach (var (address, id) in new[] { ("198.51.100.50", ids[0]), ("198.51.100.51", ids[1]) })
        {
            await LikeAsync(address, "/articles/sort-dismissed", id);
        }

        await factory.CreateBrowserClient("198.51.100.52").ReportAsync("sort-dismissed", ids[0], "Spam");
        await factory.FlushLikesAsync();
        var reader = factory.CreateBrowserClient();
        Assert.Equal([$"comment-{ids[1]}", $"comment-{ids[0]}"], await TopLevelIdsAsync(reader, "/articles/sort-dismissed?sort=best"));

        var admin = await factory.SignedInAdminAsync();
        var tab = await admin.GetOkPageAsync("/admin/comments/reported");
        await admin.SubmitAsync(tab, $"main form:has(#queue-{ids[0]})", null, $"button[value='Dismiss:{ids[0]}']");

        await factory.FlushLikesAsync();
        Assert.Equal([$"comment-{ids[0]}", $"comment-{ids[1]}"], await TopLevelIdsAsync(reader, "/articles/sort-dismissed?sort=best"));
    }

    [Fact]
    public async Task Replies_stay_oldest_first_under_their_thread_whatever_the_order()
    {
        var ids = await ThreadsAsync("sort-replies", 2);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var reply = CommentQueries.CommentId((await _author.PostCommentAsync($"/articles/sort-replies?replyto={ids[0]}", Comment("A reply to the first", parentId: null)))
            .Headers.Location!.OriginalString);

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/sort-replies?sort=newest");

        Assert.Equal([$"comment-{ids[1]}", $"comment-{ids[0]}"], page.QuerySelectorAll("#comments > ol.comment-list > li > article").Select(a => a.Id));
        Assert.NotNull(page.QuerySelector($"#comment-{ids[0]} + details #comment-{reply}"));
    }

    [Fact]
    public async Task The_sort_links_and_reply_links_keep_the_order_in_their_address()
    {
        var ids = await ThreadsAsync("sort-links", 1);

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/sort-links?sort=best");

        Assert.Equal(["/articles/sort-links#comments", "/articles/sort-links?sort=newest#comments", "/articles/sort-links?sort=best#comments"],
            page.QuerySelectorAll(".comment-sort a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/articles/sort-links?sort=best#comments", page.QuerySelector(".comment-sort a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal($"?sort=best&replyto={ids[0]}#respond", page.QuerySelector($"#comment-{ids[0]} a.comment-reply")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/articles/sort-canonical?sort=oldest", "/articles/sort-canonical")]
    [InlineData("/articles/sort-canonical?SORT=Newest", "/articles/sort-canonical?sort=newest")]
    [InlineData("/articles/sort-canonical?sort=BEST", "/articles/sort-canonical?sort=best")]
    [InlineData("/articles/sort-canonical?sort=loudest", "/articles/sort-canonical")]
    [InlineData("/articles/sort-canonical?cpage=1&sort=newest", "/articles/sort-canonical?sort=newest")]
    [InlineData("/articles/sort-canonical?sort=newest&sort=best", "/articles/sort-canonical?sort=newest")]
    public async Task Other_spellings_of_an_order_redirect_to_its_one_address(string url, string canonical)
    {
        var response = await factory.CreateBrowserClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Each_order_is_its_own_cached_page()
    {
        var ids = await ThreadsAsync("sort-cached", 2);
        var reader = factory.CreateBrowserClient();
        await reader.GetAsync("/articles/sort-cached");

        var newest = await reader.GetOkPageAsync("/articles/sort-cached?sort=newest");

        Assert.Equal($"comment-{ids[1]}", newest.QuerySelector("#comments > ol.comment-list > li > article")!.Id);
    }

    [Fact]
    public async Task An_editors_pick_is_pinned_above_the_thread()
    {
        var ids = await ThreadsAsync("picked", 3);
        var admin = await factory.SignedInAdminAsync();

        var response = await admin.SubmitAsync(await admin.GetOkPageAsync($"/admin/comments/{ids[2]}"), "form[action*='handler=Pick']");
        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/picked");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Author 3"], page.Texts(".editors-picks .comment-author"));
        Assert.True(page.QuerySelector(".editors-picks")!.CompareDocumentPosition(page.QuerySelector("#comments > ol.comment-list")!).HasFlag(DocumentPositions.Following));
        Assert.NotNull(page.QuerySelector($"#comment-{ids[2]} .pick-badge"));
    }

    [Fact]
    public async Task An_editors_pick_is_marked_in_the_json_ld_without_its_text()
    {
        var ids = await ThreadsAsync("picked-json", 2);
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetOkPageAsync($"/admin/comments/{ids[0]}"), "form[action*='handler=Pick']");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/picked-json");
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var comments = json.RootElement.GetProperty("comment").EnumerateArray().ToList();

        var picked = Assert.Single(comments, c => c.TryGetProperty("award", out _));
        Assert.Equal("Editors' pick", picked.GetProperty("award").GetString());
        Assert.EndsWith($"/comments/{ids[0]}", picked.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.All(comments, c => Assert.False(c.TryGetProperty("text", out _)));
    }

    [Fact]
    public async Task The_json_ld_names_the_most_liked_comments_with_their_likes_and_not_the_others()
    {
        var ids = await ThreadsAsync("liked-json", 7);
        for (var i = 0; i < 6; i++)
        {
            await LikeAsync($"198.51.100.{70 + i}", "/articles/liked-json", ids[i]);
        }

        await LikeAsync("198.51.100.80", "/articles/liked-json", ids[5]);
        await factory.FlushLikesAsync();

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/liked-json");
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var named = json.RootElement.GetProperty("comment").EnumerateArray().ToList();

        Assert.Equal(7, json.RootElement.GetProperty("commentCount").GetInt32());
        Assert.Equal(MovieNews.Web.Pages.Articles.ShowModel.StructuredLikedComments, named.Count);
        Assert.EndsWith($"/comments/{ids[5]}", named[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, named[0].GetProperty("upvoteCount").GetInt32());
        Assert.DoesNotContain(named, c => c.GetProperty("url").GetString()!.EndsWith($"/comments/{ids[6]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Picking_and_unpicking_are_written_to_the_audit_log()
    {
        var ids = await ThreadsAsync("picked-audit", 1);
        var admin = await factory.SignedInAdminAsync();
        await admin.SubmitAsync(await admin.GetOkPageAsync($"/admin/comments/{ids[0]}"), "form[action*='handler=Pick']");
        await admin.SubmitAsync(await admin.GetOkPageAsync($"/admin/comments/{ids[0]}"), "form[action*='handler=Unpick']");

        await using var scope = factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().AuditEntries
            .Where(e => e.Subject.StartsWith($"Comment #{ids[0]} ")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/picked-audit");

        Assert.Equal(["comment.pick", "comment.unpick"], actions);
        Assert.Null(page.QuerySelector(".editors-picks"));
    }

    [Fact]
    public async Task A_short_thread_shows_its_replies_in_an_open_details_element()
    {
        var ids = await ThreadsAsync("short-thread", 1);
        await _author.PostCommentAsync($"/articles/short-thread?replyto={ids[0]}", Comment("Only reply"));

        var details = (await factory.CreateBrowserClient().GetOkPageAsync("/articles/short-thread")).QuerySelector($"#comment-{ids[0]} + details.comment-replies")!;

        Assert.True(details.HasAttribute("open"));
        Assert.Equal("1 reply to Author 1", details.QuerySelector("summary")!.TextContent);
    }

    [Fact]
    public async Task A_long_thread_starts_with_its_replies_folded()
    {
        var ids = await ThreadsAsync("long-thread", 1);
        for (var i = 0; i < 6; i++)
        {
            await _author.PostCommentAsync($"/articles/long-thread?replyto={ids[0]}", Comment($"Reply {i}"));
        }

        var details = (await factory.CreateBrowserClient().GetOkPageAsync("/articles/long-thread")).QuerySelector($"#comment-{ids[0]} + details.comment-replies")!;

        Assert.False(details.HasAttribute("open"));
        Assert.Equal(6, details.QuerySelectorAll("article.comment").Length);
    }
}
