using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Security;

/// <summary>
/// Text that looks like the site's own markup — token fields, the old cache placeholder, form fragments — is a
/// comment like any other: it is shown as text, and the next readers of the cached page still read and post.
/// </summary>
public sealed class MarkerTextTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    /// <summary>What is posted, what readers must see of it as text, and a website.</summary>
    public static TheoryData<int, string, string, string?> Markers() => new()
    {
        { 1, "__MOVIENEWS_PER_READER_ANTIFORGERY_TOKEN__", "MOVIENEWS_PER_READER_ANTIFORGERY_TOKEN", null },
        { 2, "<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"x\">", "<input name=\"__RequestVerificationToken\"", null },
        { 3, "</form><form action=\"https://evil.example\" method=\"post\"><button>Post</button>", "</form><form action=", null },
        { 4, "name=\"Input.ParentId\" value=\"1\"", "name=\"Input.ParentId\" value=\"1\"", "https://example.com/__MOVIENEWS_PER_READER_ANTIFORGERY_TOKEN__" },
        { 5, "<textarea name=\"Input.Body\">", "<textarea name=\"Input.Body\">", "https://example.com/?__RequestVerificationToken=abc" },
    };

    [Theory]
    [MemberData(nameof(Markers))]
    public async Task Marker_like_text_is_shown_as_text_and_two_fresh_readers_still_post_from_the_cached_page(int n, string body, string shown, string? website)
    {
        var slug = $"markers-{n}";
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var url = $"/articles/{slug}";
        var marker = await factory.CreateBrowserClient($"192.0.2.{180 + n}").PostCommentAsync(url, Comment(body, name: "Marker", website: website));
        Assert.Equal(HttpStatusCode.SeeOther, marker.StatusCode);

        var first = factory.CreateBrowserClient("192.0.2.181");
        var second = factory.CreateBrowserClient("192.0.2.182");
        var firstPage = await first.GetOkPageAsync(url);
        var secondPage = await second.GetOkPageAsync(url);

        foreach (var page in new[] { firstPage, secondPage })
        {
            Assert.Single(page.QuerySelectorAll("form.comment-form"));
            var form = page.QuerySelector<IHtmlFormElement>("form.comment-form")!;
            Assert.Equal(["Input.ParentId", "Input.Name", "Input.Email", "Input.Website", "Input.Body", "Input.Homepage", "Input.SaveDetails"],
                form.Elements.OfType<IHtmlElement>().Select(e => e.GetAttribute("name")).Where(n => n is not null));
            Assert.Contains(shown, page.QuerySelector("#comments .comment-body")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.SeeOther, (await first.SubmitCommentFormAsync(firstPage, Comment($"First fresh reader of {slug}"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await second.SubmitCommentFormAsync(secondPage, Comment($"Second fresh reader of {slug}"))).StatusCode);
        Assert.Equal(3, (await factory.CommentsOnAsync(slug)).Count);
    }
}
