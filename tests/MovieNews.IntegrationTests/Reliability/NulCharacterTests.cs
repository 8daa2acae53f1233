using System.Net;
using AngleSharp.Dom;
using MovieNews.IntegrationTests.Support;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>U+0000 never reaches the database (PostgreSQL refuses it in text): the same answers on both engines.</summary>
public sealed class NulCharacterTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    [Fact]
    public async Task A_nul_in_the_admin_article_filter_is_ignored()
    {
        var admin = await factory.SignedInAdminAsync();

        var list = await admin.GetOkPageAsync("/admin/articles?q=purple%00%20hearts");

        Assert.Contains(list.QuerySelectorAll("td a"), a => a.TextContent.Contains("Purple Hearts 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_url_encoded_form_with_a_nul_answers_400_with_a_page_and_stores_nothing()
    {
        var client = factory.CreateBrowserClient("203.0.113.76");

        var posted = await client.PostCommentAsync(Article, Comment("Url-encoded nul\0 in the body"));
        var page = await HtmlClient.ParseAsync(posted);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.NotNull(page.QuerySelector("h1"));
        Assert.DoesNotContain(await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2"), c => c.BodyMarkdown.StartsWith("Url-encoded nul", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multipart_form_with_a_nul_is_stored_without_it()
    {
        var client = factory.CreateBrowserClient("203.0.113.77");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Nul\0 Name"), "Input.Name" },
            { new StringContent("Multipart nul\0 in the body"), "Input.Body" },
        };

        var posted = await client.PostAsync(Article, form);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Contains(await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2"), c => c.BodyMarkdown == "Multipart nul in the body" && c.AuthorName == "Nul Name");
    }

    [Fact]
    public async Task The_article_editors_multipart_form_is_saved_without_nul_characters()
    {
        var admin = await factory.SignedInAdminAsync();

        var saved = await admin.SubmitAsync("/admin/articles/edit", "#article-editor", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Nul\0 in the title",
            ["Input.Body"] = "Nul\0 in the body",
            ["Input.Status"] = "Draft",
        }, "button[formaction*=Save]");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = await admin.GetOkPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("Nul in the title", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal("Nul in the body", editor.QuerySelector<AngleSharp.Html.Dom.IHtmlTextAreaElement>("#Input_Body")!.Value);
    }
}
