using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>
/// Each refusal followed to its end, as a commenter lives it: the form comes back with the words kept, they correct
/// (or wait as told) and send the re-shown form itself again, and the comment is stored once and shown.
/// </summary>
public sealed class RefusalJourneyTests(FloodFactory factory) : IClassFixture<FloodFactory>
{
    private async Task<string> ArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    private static Dictionary<string, string?> Keep() => new();

    private async Task AssertShownOnceAsync(HttpClient client, HttpResponseMessage sent, string slug, string body)
    {
        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var (_, page, _) = await client.FollowAsync(sent);
        Assert.Single(page.QuerySelectorAll("#comments .comment-body"), c => c.TextContent.Contains(body, StringComparison.Ordinal));
        Assert.Single(await factory.CommentsOnAsync(slug));
    }

    [Fact]
    public async Task Refused_for_an_empty_name_corrected_and_sent_again_it_is_shown_once()
    {
        var url = await ArticleAsync("journey-400");
        var reader = factory.CreateBrowserClient("198.51.100.50");

        var refused = await reader.PostCommentAsync(url, Comment("My carefully written thoughts.", name: ""));
        var form = await HtmlClient.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("My carefully written thoughts.", form.QuerySelector("#Input_Body")!.TextContent);
        Assert.Contains("Please enter your name.", form.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);

        var sent = await reader.SubmitCommentFormAsync(form, new Dictionary<string, string?> { ["Name"] = "Corrected Reader" });

        await AssertShownOnceAsync(reader, sent, "journey-400", "My carefully written thoughts.");
    }

    [Fact]
    public async Task Refused_as_too_quick_the_commenter_waits_as_told_and_the_same_form_is_then_accepted()
    {
        var url = await ArticleAsync("journey-429");
        var reader = factory.CreateBrowserClient("198.51.100.51");
        await reader.PostCommentAsync(url, Comment("First thought."));

        var refused = await reader.PostCommentAsync(url, Comment("Second thought, a little later."));
        var form = await HtmlClient.ParseAsync(refused);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains($"wait {wait} second", form.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromSeconds(wait));
        var sent = await reader.SubmitCommentFormAsync(form, Keep());

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        var (_, page, _) = await reader.FollowAsync(sent);
        Assert.Single(page.QuerySelectorAll("#comments .comment-body"), c => c.TextContent.Contains("Second thought", StringComparison.Ordinal));
        Assert.Equal(2, (await factory.CommentsOnAsync("journey-429")).Count);
    }

    [Fact]
    public async Task Refused_as_a_duplicate_the_commenter_changes_the_words_and_it_is_accepted()
    {
        var url = await ArticleAsync("journey-409");
        var reader = factory.CreateBrowserClient("198.51.100.52");
        await reader.PostCommentAsync(url, Comment("Same words."));
        factory.Clock.Advance(TimeSpan.FromSeconds(16));

        var refused = await reader.PostCommentAsync(url, Comment("SAME   words."));
        var form = await HtmlClient.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var sent = await reader.SubmitCommentFormAsync(form, new Dictionary<string, string?> { ["Body"] = "Different words this time." });

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal(2, (await factory.CommentsOnAsync("journey-409")).Count);
    }

    [Fact]
    public async Task Markdown_nested_too_deeply_is_refused_at_the_field_and_the_corrected_comment_is_shown()
    {
        var url = await ArticleAsync("journey-nesting");
        var reader = factory.CreateBrowserClient("198.51.100.53");

        var refused = await reader.PostCommentAsync(url, Comment(new string('[', 5000)));
        var form = await HtmlClient.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(MarkdownTooDeepException.UserMessage, form.QuerySelector("#Input_Body-error")!.TextContent);
        Assert.Equal(5000, form.QuerySelector("#Input_Body")!.TextContent.Length);

        var sent = await reader.SubmitCommentFormAsync(form, new Dictionary<string, string?> { ["Body"] = "[a link](https://example.com) is enough." });

        await AssertShownOnceAsync(reader, sent, "journey-nesting", "a link is enough.");
    }

    [Fact]
    public async Task A_refused_reply_keeps_its_place_in_the_thread_and_is_accepted_when_corrected()
    {
        var url = await ArticleAsync("journey-reply");
        var first = factory.CreateBrowserClient("198.51.100.54");
        var parent = CommentQueries.CommentId((await first.PostCommentAsync(url, Comment("Parent."))).Headers.Location!.OriginalString);
        var replier = factory.CreateBrowserClient("198.51.100.55");
        var replyForm = await replier.GetOkPageAsync($"{url}?replyto={parent}");

        var refused = await replier.SubmitCommentFormAsync(replyForm, new Dictionary<string, string?> { ["Name"] = "Replier", ["Body"] = " " });
        var form = await HtmlClient.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Reply to Test Reader", form.QuerySelector("#respond-title")!.TextContent);

        var sent = await replier.SubmitCommentFormAsync(form, new Dictionary<string, string?> { ["Body"] = "The reply." });

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Contains(await factory.CommentsOnAsync("journey-reply"), c => c.ParentId == parent && c.BodyMarkdown == "The reply.");
    }

    [Fact]
    public async Task A_bare_domain_as_website_is_accepted_and_linked_over_https()
    {
        var url = await ArticleAsync("journey-website");
        var reader = factory.CreateBrowserClient("198.51.100.56");

        var sent = await reader.PostCommentAsync(url, Comment("See my blog.", name: "Blogger", website: "example.com"));
        var (_, page, _) = await reader.FollowAsync(sent);

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal("https://example.com/", page.QuerySelector(".comment-author a")!.GetAttribute("href"));
    }
}
