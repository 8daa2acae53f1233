using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;

namespace MovieNews.IntegrationTests.Admin;

public sealed class ArticleEditingTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private static Dictionary<string, string?> Article(string slug, string status = "Published", string body = "## Hello\n\nFirst *draft*.", string? publishAt = null) => new()
    {
        ["Input.Title"] = $"Editor article {slug}",
        ["Input.Slug"] = slug,
        ["Input.Tags"] = "movies, Brand New Tag",
        ["Input.Body"] = body,
        ["Input.Status"] = status,
        ["Input.PublishAt"] = publishAt,
    };

    private async Task<(HttpClient Client, int Id)> CreateAsync(string slug, string status = "Published", string? publishAt = null)
    {
        var client = await factory.SignedInAdminAsync();
        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Article(slug, status, publishAt: publishAt), "button[formaction*=Save]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        return (client, id);
    }

    [Fact]
    public async Task A_published_article_appears_on_the_home_page_with_its_new_tag()
    {
        await CreateAsync("fresh-from-the-editor");

        var home = await factory.CreateBrowserClient().GetOkPageAsync("/");
        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/fresh-from-the-editor");

        Assert.Equal("Editor article fresh-from-the-editor", home.QuerySelector(".article-summary h2")!.TextContent);
        Assert.Equal("Hello", article.QuerySelector(".article-body h2")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/tags/brand-new-tag")).StatusCode);
    }

    [Fact]
    public async Task A_draft_stays_invisible_until_it_is_published()
    {
        var (client, id) = await CreateAsync("draft-then-publish", status: "Draft");
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/articles/draft-then-publish")).StatusCode);

        await client.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Status"] = "Published" }, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/draft-then-publish")).StatusCode);
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_when_its_time_comes()
    {
        var at = factory.Clock.GetUtcNow().UtcDateTime.AddDays(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await CreateAsync("scheduled-by-editor", status: "Scheduled", publishAt: at);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/articles/scheduled-by-editor")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromDays(2));

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/scheduled-by-editor")).StatusCode);
    }

    [Fact]
    public async Task Scheduling_in_the_past_is_refused_with_everything_kept()
    {
        var client = await factory.SignedInAdminAsync();

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Article("scheduled-in-past", "Scheduled", publishAt: "2001-01-01T00:00"), "button[formaction*=Save]");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("## Hello\n\nFirst *draft*.", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal("Editor article scheduled-in-past", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Contains("future", page.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublishing_hides_the_article_again()
    {
        var (client, id) = await CreateAsync("to-unpublish");

        await client.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Status"] = "Draft" }, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync("/articles/to-unpublish")).StatusCode);
    }

    [Fact]
    public async Task Trash_answers_410_and_restore_brings_the_article_back()
    {
        var (client, id) = await CreateAsync("to-trash");

        await client.SubmitAsync($"/admin/articles/edit/{id}", "form[action*=Trash]");
        var gone = await factory.CreateBrowserClient().GetAsync("/articles/to-trash");
        await client.SubmitAsync($"/admin/articles/edit/{id}", "form[action*=Restore]");

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/to-trash")).StatusCode);
    }

    [Theory]
    [InlineData("will-there-be-a-purple-hearts-2", HttpStatusCode.Conflict)]
    [InlineData("Bad Slug!", HttpStatusCode.BadRequest)]
    [InlineData("trailing-", HttpStatusCode.BadRequest)]
    public async Task Slugs_must_be_valid_and_unique(string slug, HttpStatusCode expected)
    {
        var client = await factory.SignedInAdminAsync();

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", Article(slug), "button[formaction*=Save]");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#slug-error"));
        Assert.Equal(slug, page.QuerySelector("#Input_Slug")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_empty_slug_is_suggested_from_the_title()
    {
        var client = await factory.SignedInAdminAsync();
        var fields = Article("ignored");
        fields["Input.Slug"] = "";
        fields["Input.Title"] = "Amélie’s Café: A Review";

        await client.SubmitAsync("/admin/articles/edit", "#article-editor", fields, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/articles/amelies-cafe-a-review")).StatusCode);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_saves_gets_a_conflict_and_overwrites_nothing()
    {
        var (first, id) = await CreateAsync("two-editors");
        var second = await factory.SignedInAdminAsync("203.0.113.2");
        var firstForm = await first.GetOkPageAsync($"/admin/articles/edit/{id}");
        var secondForm = await second.GetOkPageAsync($"/admin/articles/edit/{id}");

        await first.SubmitAsync(firstForm, "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "First editor's text" }, "button[formaction*=Save]");
        var conflict = await second.SubmitAsync(secondForm, "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Second editor's text" }, "button[formaction*=Save]");
        var conflictPage = await HtmlClient.ParseAsync(conflict);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("First editor's text", conflictPage.QuerySelector("#their-body")!.TextContent);
        Assert.Equal("Second editor's text", conflictPage.QuerySelector("#Input_Body")!.TextContent);
        Assert.Equal("First editor's text", await BodyOfAsync(id));

        var overwrite = await second.SubmitAsync(conflictPage, "#article-editor", null, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        Assert.Equal("Second editor's text", await BodyOfAsync(id));
    }

    [Fact]
    public async Task Every_save_keeps_a_revision_that_can_be_viewed_and_restored()
    {
        var (client, id) = await CreateAsync("with-revisions");
        await client.SubmitAsync($"/admin/articles/edit/{id}", "#article-editor", new Dictionary<string, string?> { ["Input.Body"] = "Second version" }, "button[formaction*=Save]");

        var editor = await client.GetOkPageAsync($"/admin/articles/edit/{id}");
        var links = editor.QuerySelectorAll(".revisions a").Select(a => a.GetAttribute("href")!).ToList();
        var firstRevision = await client.GetOkPageAsync(links[^1]);
        await client.SubmitAsync(firstRevision, "main form");

        Assert.Equal(2, links.Count);
        Assert.Equal("## Hello\n\nFirst *draft*.", firstRevision.QuerySelector("#revision-body")!.TextContent);
        Assert.Equal("## Hello\n\nFirst *draft*.", await BodyOfAsync(id));
        Assert.Equal(3, (await client.GetOkPageAsync($"/admin/articles/edit/{id}")).QuerySelectorAll(".revisions a").Length);
    }

    [Fact]
    public async Task The_preview_button_renders_through_the_sanitizer_and_keeps_the_form()
    {
        var client = await factory.SignedInAdminAsync();
        var fields = Article("previewed", body: "**Bold** <script>alert(1)</script><img src=x onerror=alert(1)>");

        var response = await client.SubmitAsync("/admin/articles/edit", "#article-editor", fields, "button[formaction*=Preview]");
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bold", page.QuerySelector("#live-preview strong")!.TextContent);
        Assert.Null(page.QuerySelector("#live-preview script"));
        Assert.Null(page.QuerySelector("#live-preview img[onerror]"));
        Assert.Equal(fields["Input.Body"], page.QuerySelector("#Input_Body")!.TextContent);
    }

    [Fact]
    public async Task The_live_preview_endpoint_returns_sanitized_html()
    {
        var client = await factory.SignedInAdminAsync();
        var editor = await client.GetOkPageAsync("/admin/articles/edit");
        var token = editor.QuerySelector("#article-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/admin/articles/edit?handler=Render",
            new FormUrlEncodedContent([new("Input.Body", "## Title\n\n<script>alert(1)</script>"), new("__RequestVerificationToken", token)]));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2 id=\"title\">Title</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("script", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/articles?status=bogus")]
    [InlineData("/admin/articles?sort=bogus")]
    [InlineData("/admin/articles?page=0")]
    public async Task Bad_list_parameters_answer_400(string url)
    {
        var client = await factory.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_title_and_counts_comments()
    {
        var client = await factory.SignedInAdminAsync();

        var page = await client.GetOkPageAsync("/admin/articles?status=published&q=purple");

        var row = Assert.Single(page.QuerySelectorAll(".admin-table tbody tr"));
        Assert.Contains("59 approved, 1 pending", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_by_publish_date_puts_drafts_last()
    {
        await CreateAsync("sort-check-draft", "Draft");
        var (client, _) = await CreateAsync("sort-check-published");

        var page = await client.GetOkPageAsync("/admin/articles?q=sort-check&sort=published");

        Assert.Equal(
            ["Editor article sort-check-published", "Editor article sort-check-draft"],
            page.QuerySelectorAll(".admin-table tbody tr td:first-child a").Select(a => a.TextContent.Trim()));
    }

    private async Task<string> BodyOfAsync(int id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles.Where(a => a.Id == id).Select(a => a.BodyMarkdown).SingleAsync();
    }
}
