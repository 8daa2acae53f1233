using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

/// <summary>The editor's buttons say what they do, destructive ones stand apart, and what readers lose can be undone.</summary>
public sealed class PublishingActionsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private static Dictionary<string, string?> NewArticle(string slug, string? publishAt = null) => new()
    {
        ["Input.Title"] = $"Action {slug}",
        ["Input.Slug"] = slug,
        ["Input.Tags"] = "movies",
        ["Input.Body"] = "Said plainly.",
        ["Input.PublishAt"] = publishAt,
    };

    private static string Button(string status) => $"button[name='Input.Status'][value={status}]";

    private static string[] Labels(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("#article-editor .editor-actions button").Select(b => b.TextContent.Trim()).ToArray();

    private async Task<(HttpClient Client, string EditUrl)> PublishedAsync(string slug)
    {
        var client = await factory.SignedInAdminAsync();
        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", NewArticle(slug), Button("Published"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.OriginalString);
    }

    private async Task<ArticleStatus?> StatusOfAsync(string slug)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles
            .Where(a => a.Slug == slug).Select(a => (ArticleStatus?)a.Status).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task A_new_article_offers_save_draft_first_then_schedule_and_publish()
    {
        var client = await factory.SignedInAdminAsync();

        var page = await client.GetOkPageAsync("/admin/articles/edit");

        Assert.Equal(["Save draft", "Preview", "Schedule", "Publish"], Labels(page));
        Assert.Null(page.QuerySelector("input[name='Input.Status'][type=radio]"));
        Assert.Contains("Readers cannot see this new article", page.QuerySelector(".publish-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_draft_keeps_the_article_from_readers_and_says_so()
    {
        var client = await factory.SignedInAdminAsync();

        var saved = await client.SubmitAsync("/admin/articles/edit", "#article-editor", NewArticle("action-draft"), Button("Draft"));
        var page = await client.GetOkPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(ArticleStatus.Draft, await StatusOfAsync("action-draft"));
        Assert.Contains("readers cannot see", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/articles/action-draft")).StatusCode);
    }

    [Fact]
    public async Task Publish_says_where_readers_now_see_the_article_and_the_form_then_offers_update_and_unpublish()
    {
        var (client, editUrl) = await PublishedAsync("action-publish");

        var page = await client.GetOkPageAsync(editUrl);

        Assert.Contains("Published “Action action-publish”: readers see it now at /articles/action-publish", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Update", "Preview", "Submit changes for review", "Unpublish"], Labels(page));
        Assert.Equal("danger", page.QuerySelector(Button("Draft"))!.ClassName);
        Assert.Contains("Readers see this article at /articles/action-publish", page.QuerySelector(".publish-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/action-publish")).StatusCode);
    }

    [Fact]
    public async Task Enter_in_a_published_article_updates_it_rather_than_unpublishing()
    {
        var (client, editUrl) = await PublishedAsync("action-enter");
        var page = await client.GetOkPageAsync(editUrl);

        // A browser sends the form's first submit button when Enter is pressed in a field.
        var first = page.QuerySelector("#article-editor button[type=submit]")!;

        Assert.Equal("Published", first.GetAttribute("value"));
        Assert.Equal("Update", first.TextContent.Trim());
    }

    [Fact]
    public async Task Schedule_says_when_the_article_goes_live_and_the_form_then_offers_publish_now()
    {
        var client = await factory.SignedInAdminAsync();
        var at = factory.Clock.GetUtcNow().UtcDateTime.AddDays(3).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var saved = await client.SubmitAsync("/admin/articles/edit", "#article-editor", NewArticle("action-schedule", at), Button("Scheduled"));
        var page = await client.GetOkPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Equal(ArticleStatus.Scheduled, await StatusOfAsync("action-schedule"));
        Assert.Contains("it goes live by itself", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Update", "Preview", "Publish now", "Switch to draft"], Labels(page));
    }

    [Fact]
    public async Task Schedule_without_a_time_is_refused_with_the_text_kept()
    {
        var client = await factory.SignedInAdminAsync();

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", NewArticle("action-schedule-no-time"), Button("Scheduled"));
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", page.QuerySelector("#publish-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Said plainly.", page.QuerySelector("#Input_Body")!.TextContent);
    }

    [Fact]
    public async Task Unpublish_tells_what_readers_lost_and_undo_puts_it_back_with_its_date()
    {
        var (client, editUrl) = await PublishedAsync("action-unpublish");
        var edit = await client.GetOkPageAsync(editUrl);
        var publishedAt = edit.QuerySelector("#Input_PublishAt")!.GetAttribute("value");

        var unpublished = await client.SubmitAsync(edit, "#article-editor", null, Button("Draft"));
        var next = await client.GetOkPageAsync(unpublished.Headers.Location!.OriginalString);
        var hidden = await factory.CreateBrowserClient().GetAsync("/articles/action-unpublish");
        var undone = await client.SubmitAsync(next, ".flash form.undo-form");
        var after = await client.GetOkPageAsync(undone.Headers.Location!.OriginalString);

        Assert.Contains("Unpublished", next.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/action-unpublish")).StatusCode);
        Assert.Equal(publishedAt, after.QuerySelector("#Input_PublishAt")!.GetAttribute("value"));
        Assert.Null(after.QuerySelector(".flash form.undo-form"));
    }

    [Fact]
    public async Task Trash_leads_to_the_article_list_with_an_undo_that_restores_it()
    {
        var (client, editUrl) = await PublishedAsync("action-trash");

        var trashed = await client.SubmitAsync(editUrl, "form.trash-form");
        var list = await client.GetOkPageAsync(trashed.Headers.Location!.OriginalString);
        var gone = await factory.CreateBrowserClient().GetAsync("/articles/action-trash");
        await client.SubmitAsync(list, ".flash form.undo-form");

        Assert.Equal("/admin/articles", trashed.Headers.Location!.OriginalString);
        Assert.Contains("Moved “Action action-trash” to the trash", list.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/action-trash")).StatusCode);
    }

    [Fact]
    public async Task An_undo_of_an_unpublish_does_not_publish_an_article_since_moved_to_the_trash()
    {
        var (client, editUrl) = await PublishedAsync("action-undo-trashed");
        var unpublished = await client.SubmitAsync(editUrl, "#article-editor", null, Button("Draft"));
        var offer = await client.GetOkPageAsync(unpublished.Headers.Location!.OriginalString);
        await client.SubmitAsync(editUrl, "form.trash-form");

        var undone = await client.SubmitAsync(offer, ".flash form.undo-form");
        var page = await client.GetOkPageAsync(undone.Headers.Location!.OriginalString);

        Assert.Equal(ArticleStatus.Draft, await StatusOfAsync("action-undo-trashed"));
        Assert.Contains("restore it first", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undo_of_an_unpublish_for_an_unknown_article_is_a_404()
    {
        var (client, editUrl) = await PublishedAsync("action-undo-unknown");
        var page = await client.GetOkPageAsync(editUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/admin/articles/edit/999999?handler=Republish",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("status", "Published")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Trashing_a_held_comment_looks_destructive_and_undo_puts_it_back_in_the_queue()
    {
        await factory.CreateArticleAsync("action-comment", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var posted = await factory.CreateBrowserClient("198.18.7.1")
            .PostCommentAsync("/articles/action-comment", Comment("Undo me later: https://a.example https://b.example", name: "Held Person"));
        var id = CommentQueries.CommentId(posted.Headers.Location!.OriginalString);
        var admin = await factory.SignedInAdminAsync();
        var queue = await admin.GetOkPageAsync("/admin/comments?status=pending");

        var trashButton = queue.QuerySelector($"button[value='Trash:{id}']")!;
        var approveButton = queue.QuerySelector($"button[value='Approve:{id}']")!;
        var trashed = await admin.SubmitAsync(queue, $"main form:has(#queue-{id})", null, $"button[value='Trash:{id}']");
        var next = await admin.GetOkPageAsync(trashed.Headers.Location!.OriginalString);
        var inTrash = (await factory.CommentsOnAsync("action-comment")).Single().Status;
        await admin.SubmitAsync(next, ".flash form.undo-form");

        Assert.Equal("danger", trashButton.ClassName);
        Assert.DoesNotContain("danger", approveButton.ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Trash, inTrash);
        Assert.Equal(CommentStatus.Pending, (await factory.CommentsOnAsync("action-comment")).Single().Status);
    }
}
