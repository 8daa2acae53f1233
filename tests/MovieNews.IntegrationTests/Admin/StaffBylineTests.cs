using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>What staff write is signed with their display name, never with the email they sign in with.</summary>
public sealed class StaffBylineTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Password = "byline password 1";

    private async Task<HttpClient> EditorAsync(string email, string displayName, string address)
    {
        await factory.CreateStaffAsync(email, Password, Roles.Editor, displayName);
        return await factory.SignedInAsync(email, Password, address);
    }

    private static async Task PublishAsync(HttpClient editor, string slug, string? author)
    {
        var response = await editor.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = $"Signed article {slug}",
            ["Input.Slug"] = slug,
            ["Input.Body"] = "Who wrote this?",
            ["Input.AuthorName"] = author,
            ["Input.Status"] = "Published",
        }, "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("blank-author", "")]
    [InlineData("spaces-author", "   ")]
    public async Task A_blank_author_field_signs_the_article_page_and_its_metadata_with_the_display_name(string slug, string author)
    {
        var email = $"{slug}@movienews.test";
        var editor = await EditorAsync(email, "Morgan Byline", "198.18.3.1");

        await PublishAsync(editor, slug, author);
        var html = await factory.CreateBrowserClient("198.18.3.2").GetStringAsync($"/articles/{slug}");
        var page = await factory.CreateBrowserClient("198.18.3.2").GetOkPageAsync($"/articles/{slug}");

        Assert.Equal("Morgan Byline", page.QuerySelector(".author")!.TextContent);
        Assert.Equal("Morgan Byline", page.QuerySelector("meta[property='article:author']")!.GetAttribute("content"));
        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("Morgan Byline", json.RootElement.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Contains("/authors/morgan-byline", json.RootElement.GetProperty("author")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(email, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_blank_author_field_signs_the_feed_item_with_the_display_name()
    {
        var editor = await EditorAsync("feed.author@movienews.test", "Feed Signer", "198.18.3.3");

        await PublishAsync(editor, "feed-byline", "");
        var rss = await factory.CreateBrowserClient("198.18.3.4").GetStringAsync("/feed.xml");
        using var reader = XmlReader.Create(new StringReader(rss));
        var item = SyndicationFeed.Load(reader).Items.Single(i => i.Links.Any(l => l.Uri.AbsolutePath == "/articles/feed-byline"));

        Assert.Equal("Feed Signer", item.Authors.Single().Name);
        Assert.DoesNotContain("feed.author@movienews.test", rss, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_author_typed_in_the_field_still_wins_over_the_display_name()
    {
        var editor = await EditorAsync("typed.author@movienews.test", "Not This Name", "198.18.3.5");

        await PublishAsync(editor, "typed-byline", "Guest Writer");
        var page = await factory.CreateBrowserClient("198.18.3.6").GetOkPageAsync("/articles/typed-byline");

        Assert.Equal("Guest Writer", page.QuerySelector(".author")!.TextContent);
    }

    [Fact]
    public async Task An_email_typed_as_the_byline_is_refused_beside_the_field_with_everything_kept()
    {
        var editor = await EditorAsync("email.byline@movienews.test", "Jane Editor", "198.18.3.9");

        var response = await editor.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Email byline",
            ["Input.Slug"] = "email-byline",
            ["Input.Body"] = "Who wrote this?",
            ["Input.AuthorName"] = "editor.jane@example.com",
            ["Input.Status"] = "Published",
        }, "button[formaction*=Save]");
        var form = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot contain “@”", form.QuerySelector("#author-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("editor.jane@example.com", form.QuerySelector("#Input_AuthorName")!.GetAttribute("value"));
        Assert.Equal("Who wrote this?", form.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient("198.18.3.10").GetAsync("/articles/email-byline")).StatusCode);
    }

    [Fact]
    public async Task A_new_display_name_signs_the_next_article_without_signing_in_again()
    {
        var editor = await EditorAsync("renames.self@movienews.test", "First Name", "198.18.3.7");
        await editor.SubmitAsync("/admin/profile", "#name-form", new Dictionary<string, string?> { ["DisplayName"] = "Second Name" });

        await PublishAsync(editor, "after-rename", "");
        var page = await factory.CreateBrowserClient("198.18.3.8").GetOkPageAsync("/articles/after-rename");

        Assert.Equal("Second Name", page.QuerySelector(".author")!.TextContent);
    }

    [Fact]
    public async Task A_staff_reply_is_signed_with_the_display_name_and_never_the_email()
    {
        await factory.CreateArticleAsync("staff-reply-byline", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var posted = await factory.CreateBrowserClient("198.18.3.9").PostCommentAsync("/articles/staff-reply-byline", Comment("Who answers here?"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);
        var editor = await EditorAsync("replier@movienews.test", "Riley Replier", "198.18.3.10");

        var response = await editor.SubmitAsync($"/admin/comments/{id}", "form[action*=Reply]", new Dictionary<string, string?> { ["Reply"] = "We do." });
        var html = await factory.CreateBrowserClient("198.18.3.11").GetStringAsync("/articles/staff-reply-byline");
        var page = await factory.CreateBrowserClient("198.18.3.11").GetOkPageAsync("/articles/staff-reply-byline");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = page.QuerySelector($"#comment-{id} ~ details article.comment-staff")!;
        Assert.Contains("Riley Replier", reply.QuerySelector(".comment-author")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("replier@movienews.test", html, StringComparison.OrdinalIgnoreCase);
    }
}
