using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.TestSupport;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Media;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Admin;

public sealed class PrivacyTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private async Task<HttpClient> CommentsByAsync(string slug, string email, int count)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        for (var i = 0; i < count; i++)
        {
            await factory.CreateBrowserClient($"172.16.0.{i + 1}").PostCommentAsync($"/articles/{slug}", Comment($"Private thought {i} on {slug}", name: "Pat Private", email: email, website: "https://pat.example"));
        }

        return await factory.SignedInAdminAsync();
    }

    [Fact]
    public async Task An_admin_finds_a_readers_comments_by_email_whatever_its_case()
    {
        var admin = await CommentsByAsync("privacy-find", "pat@example.com", 2);

        var page = await admin.GetOkPageAsync("/admin/privacy?Email=PAT@Example.com");

        Assert.Equal(2, page.QuerySelectorAll(".admin-table tbody tr").Length);
    }

    [Fact]
    public async Task The_export_is_a_json_file_of_every_comment()
    {
        var admin = await CommentsByAsync("privacy-export", "export@example.com", 2);
        var page = await admin.GetOkPageAsync("/admin/privacy?Email=export@example.com");

        var response = await admin.SubmitAsync(page, "form.queue-actions", null, "button[formaction*=Export]");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, json.RootElement.GetProperty("exportedComments").GetArrayLength());
        Assert.Equal("Private thought 0", json.RootElement.GetProperty("exportedComments")[0].GetProperty("Body").GetString()!.Split(" on ")[0]);
    }

    [Fact]
    public async Task Anonymising_keeps_the_text_but_removes_everything_identifying()
    {
        var admin = await CommentsByAsync("privacy-anon", "anon@example.com", 1);
        var page = await admin.GetOkPageAsync("/admin/privacy?Email=anon@example.com");

        await admin.SubmitAsync(page, "form.queue-actions", null, "button[formaction*=Anonymise]");

        var comment = Assert.Single(await factory.CommentsOnAsync("privacy-anon"));
        Assert.Equal(("Anonymous", null, null), (comment.AuthorName, comment.AuthorEmail, comment.AuthorWebsite));
        Assert.Equal("Private thought 0 on privacy-anon", comment.BodyMarkdown);
        var article = await factory.CreateBrowserClient().GetOkPageAsync("/articles/privacy-anon");
        Assert.DoesNotContain("Pat Private", article.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_removes_every_comment_of_that_email_only()
    {
        var admin = await CommentsByAsync("privacy-delete", "gone@example.com", 2);
        await factory.CreateBrowserClient("172.16.1.1").PostCommentAsync("/articles/privacy-delete", Comment("Someone else", email: "stay@example.com"));
        var page = await admin.GetOkPageAsync("/admin/privacy?Email=gone@example.com");

        await admin.SubmitAsync(page, "form.queue-actions", null, "button[formaction*=Delete]");

        Assert.Equal("Someone else", Assert.Single(await factory.CommentsOnAsync("privacy-delete")).BodyMarkdown);
        var log = await admin.GetOkPageAsync("/admin/audit");
        Assert.DoesNotContain("gone@example.com", log.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_picture_tells_readers_neither_who_uploaded_it_nor_where_it_was_taken()
    {
        var admin = await factory.SignedInAdminAsync();
        var upload = await admin.UploadAsync(TestImages.WithExif(TestImages.Jpeg(1600, 900), orientation: 1), "pat-at-home-42-elm-street.jpg", "A porch");
        var id = upload.UploadedId();
        await using var scope = factory.Services.CreateAsyncScope();
        var item = await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().MediaItems.AsNoTracking().Include(m => m.Variants).SingleAsync(m => m.Id == id);
        Assert.Equal(MovieNewsFactory.AdminEmail, item.UploadedBy);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "A pictured privacy check",
            ["Input.Slug"] = "privacy-picture",
            ["Input.Body"] = MediaMarkdown.ImageFor(item),
            ["Input.Status"] = "Published",
            ["Input.FeaturedMediaId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "button[formaction*=Save]")).StatusCode);

        var reader = factory.CreateBrowserClient("172.16.2.1");
        foreach (var address in new[] { "/articles/privacy-picture", "/", "/feed.xml" })
        {
            var text = await reader.GetStringAsync(address);
            Assert.DoesNotContain(MovieNewsFactory.AdminEmail, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("elm-street", text, StringComparison.Ordinal);
        }

        foreach (var variant in item.Variants)
        {
            var bytes = await reader.GetByteArrayAsync(variant.Url);
            Assert.False(TestImages.Contains(bytes, TestImages.GpsMarker));
            Assert.False(TestImages.Contains(bytes, MovieNewsFactory.AdminEmail));
        }
    }

    [Fact]
    public async Task A_malformed_email_answers_400()
    {
        var admin = await factory.SignedInAdminAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/privacy?Email=nope")).StatusCode);
    }
}
