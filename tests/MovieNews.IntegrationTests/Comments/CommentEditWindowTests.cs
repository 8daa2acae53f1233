using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>The author's edit and delete: from the browser that posted, for ten minutes, until someone replies.</summary>
public sealed class CommentEditWindowTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<string> NewArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    private static async Task<int> PostAsync(HttpClient client, string url, string body, string? parentId = null)
    {
        var response = await client.PostCommentAsync(url, Comment(body, parentId: parentId));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentQueries.CommentId(response.Headers.Location!.OriginalString);
    }

    private static Task<HttpResponseMessage> SaveEditAsync(HttpClient client, IDocument editPage, string body) =>
        client.SubmitAsync(editPage, "#edit-comment-form", new Dictionary<string, string?> { ["Body"] = body });

    [Fact]
    public async Task The_author_edits_within_the_window_and_readers_see_the_new_text_marked_edited()
    {
        var url = await NewArticleAsync("edit-in-window");
        var author = factory.CreateBrowserClient("203.0.113.120");
        var id = await PostAsync(author, url, "Teh sequel is confirmed.");

        var (articleResponse, article) = await author.GetPageAsync(url);
        var link = article.QuerySelector($"#comment-{id} a.comment-edit")!;
        Assert.Contains("private", articleResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var editPage = await author.GetOkPageAsync(link.GetAttribute("href")!);
        Assert.Equal("Teh sequel is confirmed.", editPage.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value);

        var saved = await SaveEditAsync(author, editPage, "The sequel is confirmed.");

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var reader = await factory.CreateBrowserClient("203.0.113.121").GetOkPageAsync(url);
        var comment = reader.QuerySelector($"#comment-{id}")!;
        Assert.Equal("The sequel is confirmed.", comment.QuerySelector(".comment-body")!.TextContent.Trim());
        Assert.NotNull(comment.QuerySelector(".comment-edited"));
        Assert.Null(comment.QuerySelector("a.comment-edit"));
    }

    [Fact]
    public async Task Moderators_see_the_earlier_text()
    {
        var url = await NewArticleAsync("edit-earlier-text");
        var author = factory.CreateBrowserClient("203.0.113.122");
        var id = await PostAsync(author, url, "The first words.");
        await SaveEditAsync(author, await author.GetOkPageAsync($"{url}/comments/{id}/edit"), "The second words.");

        var admin = await factory.SignedInAdminAsync();
        var page = await admin.GetOkPageAsync($"/admin/comments/{id}");

        Assert.Contains("The first words.", page.QuerySelector("#earlier-texts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_reader_gets_no_edit_link_and_the_edit_address_refuses_with_the_reason()
    {
        var url = await NewArticleAsync("edit-someone-else");
        var id = await PostAsync(factory.CreateBrowserClient("203.0.113.123"), url, "Mine, not yours.");
        var other = factory.CreateBrowserClient("203.0.113.124");

        var article = await other.GetOkPageAsync(url);
        var edit = await other.GetAsync($"{url}/comments/{id}/edit");

        Assert.Empty(article.QuerySelectorAll("a.comment-edit"));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("only from the browser that posted it", (await HtmlClient.ParseAsync(edit)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await HtmlClient.ParseAsync(edit)).QuerySelector("#edit-comment-form"));
    }

    [Fact]
    public async Task A_forged_cookie_opens_nothing()
    {
        var url = await NewArticleAsync("edit-forged-cookie");
        var id = await PostAsync(factory.CreateBrowserClient("203.0.113.125"), url, "Not forgeable.");
        var forger = factory.CreateBrowserClient("203.0.113.126");
        forger.DefaultRequestHeaders.Add("Cookie", $"{OwnCommentsCookie.Name}={id}:{DateTime.MaxValue.Ticks}");

        var edit = await forger.GetAsync($"{url}/comments/{id}/edit");

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Null((await HtmlClient.ParseAsync(edit)).QuerySelector("#edit-comment-form"));
    }

    [Fact]
    public async Task After_the_window_the_comment_cannot_be_changed()
    {
        var url = await NewArticleAsync("edit-too-late");
        var author = factory.CreateBrowserClient("203.0.113.127");
        var id = await PostAsync(author, url, "Written in haste.");
        var editPage = await author.GetOkPageAsync($"{url}/comments/{id}/edit");
        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        var late = await SaveEditAsync(author, editPage, "Repented at leisure.");

        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("10 minutes after posting", (await HtmlClient.ParseAsync(late)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var comment = (await factory.CommentsOnAsync("edit-too-late")).Single(c => c.Id == id);
        Assert.Equal("Written in haste.", comment.BodyMarkdown);
    }

    [Fact]
    public async Task A_reply_closes_the_window()
    {
        var url = await NewArticleAsync("edit-after-reply");
        var author = factory.CreateBrowserClient("203.0.113.128");
        var id = await PostAsync(author, url, "A question?");
        await PostAsync(factory.CreateBrowserClient("203.0.113.129"), url, "An answer.", parentId: id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var edit = await author.GetAsync($"{url}/comments/{id}/edit");
        var article = await author.GetOkPageAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("replied", (await HtmlClient.ParseAsync(edit)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(article.QuerySelector($"#comment-{id} a.comment-edit"));
    }

    [Fact]
    public async Task An_edit_goes_through_moderation_and_blocked_words_hold_it()
    {
        var url = await NewArticleAsync("edit-held");
        var author = factory.CreateBrowserClient("203.0.113.130");
        var id = await PostAsync(author, url, "A polite comment.");

        var saved = await SaveEditAsync(author, await author.GetOkPageAsync($"{url}/comments/{id}/edit"), "Buy v1agra now.");

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        var comment = (await factory.CommentsOnAsync("edit-held")).Single(c => c.Id == id);
        Assert.Equal(CommentStatus.Pending, comment.Status);
        Assert.Contains(ModerationReasons.EditedByAuthor, comment.ModerationReasons);
        Assert.Null((await factory.CreateBrowserClient("203.0.113.131").GetOkPageAsync(url)).QuerySelector($"#comment-{id}"));
        Assert.NotNull((await author.GetOkPageAsync(url)).QuerySelector($"#comment-{id} .pending-notice"));
    }

    [Fact]
    public async Task A_refused_edit_keeps_the_typed_text_and_works_when_sent_again()
    {
        var url = await NewArticleAsync("edit-refused");
        var author = factory.CreateBrowserClient("203.0.113.132");
        var id = await PostAsync(author, url, "Short and sweet.");
        var tooLong = new string('a', CommentValidator.BodyMaxLength + 1);

        var refused = await SaveEditAsync(author, await author.GetOkPageAsync($"{url}/comments/{id}/edit"), tooLong);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await HtmlClient.ParseAsync(refused);
        Assert.Equal(tooLong, page.QuerySelector<IHtmlTextAreaElement>("#Body")!.Value);
        Assert.NotNull(page.QuerySelector("#Body-error"));
        var again = await SaveEditAsync(author, page, "Short and sweeter.");
        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Equal("Short and sweeter.", (await factory.CommentsOnAsync("edit-refused")).Single(c => c.Id == id).BodyMarkdown);
    }

    [Fact]
    public async Task The_author_deletes_within_the_window_and_moderators_can_restore_it()
    {
        var url = await NewArticleAsync("delete-in-window");
        var author = factory.CreateBrowserClient("203.0.113.133");
        var id = await PostAsync(author, url, "Posted on the wrong article.");

        var deleted = await author.SubmitAsync($"{url}/comments/{id}/edit", "#delete-comment-form");

        Assert.Equal(HttpStatusCode.SeeOther, deleted.StatusCode);
        var comment = (await factory.CommentsOnAsync("delete-in-window")).Single(c => c.Id == id);
        Assert.Equal((CommentStatus.Trash, CommentStatus.Approved), (comment.Status, comment.PreviousStatus));
        Assert.Contains(ModerationReasons.DeletedByAuthor, comment.ModerationReasons);
        Assert.Null((await factory.CreateBrowserClient("203.0.113.134").GetOkPageAsync(url)).QuerySelector($"#comment-{id}"));
    }

    [Fact]
    public async Task The_privacy_export_includes_the_earlier_texts()
    {
        var url = await NewArticleAsync("edit-privacy");
        var author = factory.CreateBrowserClient("203.0.113.135");
        var response = await author.PostCommentAsync(url, Comment("Before the edit.", email: "editor-privacy@reader.test"));
        var id = CommentQueries.CommentId(response.Headers.Location!.OriginalString);
        await SaveEditAsync(author, await author.GetOkPageAsync($"{url}/comments/{id}/edit"), "After the edit.");

        await using var scope = factory.Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<CommenterData>().ExportAsync("editor-privacy@reader.test", CancellationToken.None);

        Assert.Contains("Before the edit.", export, StringComparison.Ordinal);
        Assert.Contains("After the edit.", export, StringComparison.Ordinal);
    }
}
