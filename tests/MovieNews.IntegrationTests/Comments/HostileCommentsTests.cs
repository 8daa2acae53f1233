using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

/// <summary>The shared XSS list, posted through the real form in every field, then read back as a browser would.</summary>
public sealed class HostileCommentsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private static readonly IReadOnlyList<string> _payloads = Inert.Payloads;

    private static readonly MarkdownRenderer _renderer = new();

    // The duplicate rule compares what readers will read, so "&#106;" in one payload matches "j" in another.
    private static string Fingerprint(string body) =>
        TextFolding.Fingerprint(_renderer.RenderCommentWithText(TextNormalizer.MultiLine(body)).Text);

    [Fact]
    public async Task Hostile_payloads_in_every_field_never_cause_a_server_error_and_render_inert()
    {
        await factory.CreateArticleAsync("hostile", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = factory.CreateBrowserClient();
        var page = await client.GetOkPageAsync("/articles/hostile");
        var duplicates = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var payload in _payloads)
        {
            var fields = Comment(payload + "\n(in every field)", name: payload.Length > 100 ? payload[..100] : payload, email: payload, website: payload);
            var asBody = await client.SubmitCommentFormAsync(page, Comment(payload, name: "Hostile"));
            var everywhere = await client.SubmitCommentFormAsync(page, fields);
            Assert.True((int)asBody.StatusCode < 500 && (int)everywhere.StatusCode < 500, $"5xx for: {payload}");
            // Payloads that read the same (case, spacing, emphasis, character references) share a fingerprint: the later one is a duplicate.
            var duplicate = !seen.Add(Fingerprint(payload));
            Assert.True(asBody.StatusCode == (duplicate ? HttpStatusCode.Conflict : HttpStatusCode.SeeOther), $"{asBody.StatusCode} for: {payload}");
            duplicates += duplicate ? 1 : 0;
            if (everywhere.StatusCode == HttpStatusCode.SeeOther)
            {
                seen.Add(Fingerprint(payload + "\n(in every field)"));
            }

            Inert.AssertNoScript(await HtmlClient.ParseAsync(everywhere), payload);
        }

        Assert.True((await factory.CommentsOnAsync("hostile")).Count >= _payloads.Count - duplicates, "every distinct payload body should have been stored");
        var shown = 0;
        for (var commentPage = 1; ; commentPage++)
        {
            var (response, article) = await factory.CreateBrowserClient("203.0.113.200").GetPageAsync(commentPage == 1 ? "/articles/hostile" : $"/articles/hostile?cpage={commentPage}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Inert.AssertNoScript(article, $"comment page {commentPage}");
            shown += article.QuerySelectorAll("article.comment").Length;
        }

        Assert.True(shown >= _payloads.Count / 2, $"only {shown} comments were shown publicly");
    }
}
