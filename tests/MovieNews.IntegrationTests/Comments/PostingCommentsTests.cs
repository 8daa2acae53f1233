using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

public sealed class PostingCommentsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<string> NewArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    [Fact]
    public async Task A_posted_comment_redirects_to_its_anchor_and_appears_threaded_under_the_article()
    {
        var url = await NewArticleAsync("post-a-comment");
        var client = factory.CreateBrowserClient();

        var response = await client.PostCommentAsync(url, Comment("First! *Great* read.", name: "Ada", website: "https://ada.example"));
        var (_, page, finalUrl) = await client.FollowAsync(response);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var id = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        Assert.Equal($"{url}#comment-{id}", finalUrl);
        var comment = page.QuerySelector($"article.comment#comment-{id}")!;
        Assert.Equal("<p>First! <em>Great</em> read.</p>", comment.QuerySelector(".comment-body")!.InnerHtml.Trim());
        var author = comment.QuerySelector(".comment-author a")!;
        Assert.Equal("Ada", author.TextContent);
        Assert.Equal("https://ada.example/", author.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener", author.GetAttribute("rel"));
        Assert.NotNull(comment.QuerySelector("time[datetime]"));
        Assert.Equal($"#comment-{id}", comment.QuerySelector("a.comment-permalink")!.GetAttribute("href"));
        Assert.Equal($"?replyto={id}#respond", comment.QuerySelector("a.comment-reply")!.GetAttribute("href"));
        Assert.Equal("1 thought on “Test article post-a-comment”", page.QuerySelector("#comments-title")!.TextContent);
    }

    [Fact]
    public async Task An_article_without_comments_says_so()
    {
        var url = await NewArticleAsync("no-comments-yet");

        var page = await factory.CreateBrowserClient().GetOkPageAsync(url);

        Assert.Equal("No comments yet", page.QuerySelector("#comments-title")!.TextContent);
        Assert.NotNull(page.QuerySelector("#respond form.comment-form"));
    }

    [Fact]
    public async Task Replies_nest_three_levels_deep_through_the_reply_links()
    {
        var url = await NewArticleAsync("nested-replies");
        var client = factory.CreateBrowserClient();
        var parent = CommentQueries.CommentId((await client.PostCommentAsync(url, Comment("Level one"))).Headers.Location!.OriginalString);

        var replyPage = await client.GetOkPageAsync($"{url}?replyto={parent}");
        Assert.Equal("Reply to Test Reader", replyPage.QuerySelector("#respond-title")!.TextContent);
        Assert.NotNull(replyPage.QuerySelector("#respond .cancel-reply a"));
        var child = CommentQueries.CommentId((await client.SubmitCommentFormAsync(replyPage, Comment("Level two"))).Headers.Location!.OriginalString);
        var grandchild = CommentQueries.CommentId(
            (await client.PostCommentAsync($"{url}?replyto={child}", Comment("Level three"))).Headers.Location!.OriginalString);

        var page = await client.GetOkPageAsync(url);
        Assert.NotNull(page.QuerySelector(
            $"#comments > ol > li > article#comment-{parent} ~ details > ol > li > article#comment-{child} ~ ol > li > article#comment-{grandchild}"));
    }

    [Fact]
    public async Task A_held_comment_is_shown_with_a_notice_to_its_author_only()
    {
        var url = await NewArticleAsync("pending-notice");
        var author = factory.CreateBrowserClient("203.0.113.10");
        var stranger = factory.CreateBrowserClient("203.0.113.11");

        var response = await author.PostCommentAsync(url, Comment("Critics can f.u.c.k off", name: "Angry"));
        var (_, ownView, _) = await author.FollowAsync(response);
        var id = CommentQueries.CommentId(response.Headers.Location!.OriginalString);

        var held = ownView.QuerySelector($"#comment-{id}")!;
        Assert.Contains("Your comment is awaiting moderation", held.TextContent, StringComparison.Ordinal);
        Assert.Null(held.QuerySelector("a.comment-reply"));
        Assert.Equal("No comments yet", ownView.QuerySelector("#comments-title")!.TextContent);
        var strangersView = await stranger.GetOkPageAsync(url);
        Assert.Null(strangersView.QuerySelector($"#comment-{id}"));
        Assert.DoesNotContain("Critics can", strangersView.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, (await factory.CommentsOnAsync("pending-notice")).Single().Status);
    }

    [Fact]
    public async Task A_copied_pending_cookie_from_another_site_key_is_ignored()
    {
        var url = await NewArticleAsync("forged-cookie");
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{PendingCommentsCookie.Name}=1,2,3");

        var (response, _) = await client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(1, "CfDJ8 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(2, "CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(3, "%00%FF%FE")]
    public async Task Junk_in_every_commenter_cookie_still_shows_the_page_and_takes_a_comment(int run, string junk)
    {
        var url = await NewArticleAsync($"junk-cookies-{run}");
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ",
            new[] { PendingCommentsCookie.Name, CommenterCookie.Name, OwnCommentsCookie.Name }.Select(name => $"{name}={junk}")));

        var page = await client.GetOkPageAsync(url);
        var posted = await client.SubmitCommentFormAsync(page, Comment($"Still takes comments, run {run}"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    [Fact]
    public async Task Bad_input_answers_400_with_every_message_and_everything_typed_kept()
    {
        var url = await NewArticleAsync("bad-input");
        var client = factory.CreateBrowserClient();
        var longBody = new string('x', 10_001);

        var response = await client.PostCommentAsync(url, Comment(longBody, name: "", email: "not-an-email", website: "javascript:alert(1)"));
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(longBody, page.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal("not-an-email", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("javascript:alert(1)", page.QuerySelector("#Input_Website")!.GetAttribute("value"));
        Assert.Equal("Please enter your name.", page.QuerySelector("#Input_Name-error")!.TextContent);
        Assert.Contains("at most 10,000", page.QuerySelector("#Input_Body-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#Input_Email-error"));
        Assert.NotNull(page.QuerySelector("#Input_Website-error"));
        Assert.Equal("true", page.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Empty(await factory.CommentsOnAsync("bad-input"));
    }

    [Fact]
    public async Task The_same_comment_twice_answers_409_and_is_stored_once()
    {
        var url = await NewArticleAsync("duplicate");
        var client = factory.CreateBrowserClient("203.0.113.20");
        await client.PostCommentAsync(url, Comment("Said it once."));

        var response = await client.PostCommentAsync(url, Comment("Said it once."));
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already posted", page.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Said it once.", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.Single(await factory.CommentsOnAsync("duplicate"));
    }

    [Fact]
    public async Task A_reply_to_a_comment_of_another_article_answers_400()
    {
        var first = await NewArticleAsync("first-article");
        var second = await NewArticleAsync("second-article");
        var client = factory.CreateBrowserClient();
        var elsewhere = CommentQueries.CommentId((await client.PostCommentAsync(first, Comment("On the first"))).Headers.Location!.OriginalString);

        var response = await client.PostCommentAsync(second, Comment("Sneaky reply", parentId: elsewhere.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await HtmlClient.ParseAsync(response)).QuerySelector("#parent-error"));
        Assert.Empty(await factory.CommentsOnAsync("second-article"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483647")]
    public async Task A_parent_id_that_is_not_a_comment_answers_400(string parentId)
    {
        var url = await NewArticleAsync($"bad-parent-{Math.Abs(parentId.GetHashCode(StringComparison.Ordinal))}");
        var client = factory.CreateBrowserClient();

        var response = await client.PostCommentAsync(url, Comment("Reply", parentId: parentId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Emails_are_never_shown()
    {
        var url = await NewArticleAsync("private-email");
        var client = factory.CreateBrowserClient();
        await client.PostCommentAsync(url, Comment("Hello", email: "secret.reader@example.com"));

        var html = await factory.CreateBrowserClient("203.0.113.99").GetStringAsync(url);

        Assert.DoesNotContain("secret.reader", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_details_prefill_the_next_comment_form()
    {
        var url = await NewArticleAsync("remember-me");
        var client = factory.CreateBrowserClient();
        var fields = Comment("Remember me", name: "Grace", email: "grace@example.com", website: "https://grace.example");
        fields["SaveDetails"] = "true";

        await client.PostCommentAsync(url, fields);
        var page = await client.GetOkPageAsync(url);

        Assert.Equal("Grace", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("grace@example.com", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("https://grace.example", page.QuerySelector("#Input_Website")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#Input_SaveDetails")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Details_are_not_remembered_unless_asked()
    {
        var url = await NewArticleAsync("forget-me");
        var client = factory.CreateBrowserClient();

        await client.PostCommentAsync(url, Comment("Forget me", name: "Hopper"));
        var page = await client.GetOkPageAsync(url);

        Assert.Null(page.QuerySelector("#Input_Name")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_comment_post_to_an_unknown_article_answers_404()
    {
        var url = await NewArticleAsync("real-article");
        var client = factory.CreateBrowserClient();
        var page = await client.GetOkPageAsync(url);
        page.QuerySelector("form.comment-form")!.SetAttribute("action", "/articles/no-such-article");

        var response = await client.SubmitCommentFormAsync(page, Comment("Into the void"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
