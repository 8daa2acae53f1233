using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Security;

/// <summary>
/// The public comment form has no per-reader token (ADR-005): a cross-site post is refused by what the browser says
/// about where it comes from (Sec-Fetch-Site), then by Origin, then Referer. A request with none of them is not from a
/// browser page and meets the ordinary rules. The test client's host is "localhost".
/// </summary>
public sealed class CrossSitePostingTests(CrossSitePostingTests.TrustingFactory factory) : IClassFixture<CrossSitePostingTests.TrustingFactory>
{
    private const string Own = "http://localhost";

    private async Task<string> ArticleAsync(string slug)
    {
        await factory.CreateArticleAsync(slug, ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        return $"/articles/{slug}";
    }

    public static TheoryData<string, string, string> ForeignPosts() => new()
    {
        { "fetch-cross-site", "Sec-Fetch-Site", "cross-site" },
        { "fetch-same-site", "Sec-Fetch-Site", "same-site" },
        { "origin-foreign", "Origin", "https://evil.example" },
        { "origin-foreign-port", "Origin", "http://localhost:8080" },
        { "origin-null", "Origin", "null" },
        { "referer-foreign", "Referer", "https://evil.example/page.html" },
    };

    [Theory]
    [MemberData(nameof(ForeignPosts))]
    public async Task A_comment_posted_from_another_site_is_refused_with_an_explanation_and_nothing_stored(string slug, string header, string value)
    {
        var url = await ArticleAsync(slug);

        var response = await factory.CreateBrowserClient("192.0.2.150").PostCommentAsync(url, Comment("Forged from elsewhere"), new Dictionary<string, string> { [header] = value });
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(CrossOriginProtection.Explanation, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.CommentsOnAsync(slug));
    }

    public static TheoryData<string, string?, string?> OwnPosts() => new()
    {
        { "fetch-same-origin", "Sec-Fetch-Site", "same-origin" },
        { "fetch-none", "Sec-Fetch-Site", "none" },
        { "origin-own", "Origin", Own },
        { "referer-own", "Referer", Own + "/articles/referer-own" },
        { "no-browser-headers", null, null },
    };

    [Theory]
    [MemberData(nameof(OwnPosts))]
    public async Task A_comment_from_this_site_or_from_no_browser_page_is_accepted(string slug, string? header, string? value)
    {
        var url = await ArticleAsync(slug);
        var headers = header is null ? null : new Dictionary<string, string> { [header] = value! };

        var response = await factory.CreateBrowserClient("192.0.2.151").PostCommentAsync(url, Comment($"From home ({slug})"), headers);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(await factory.CommentsOnAsync(slug));
    }

    [Fact]
    public async Task Sec_fetch_site_outranks_a_matching_origin()
    {
        var url = await ArticleAsync("fetch-outranks-origin");

        var response = await factory.CreateBrowserClient("192.0.2.152").PostCommentAsync(
            url, Comment("Mixed signals"), new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site", ["Origin"] = Own });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_configured_trusted_origin_may_post_from_another_site()
    {
        var url = await ArticleAsync("trusted-origin");

        var response = await factory.CreateBrowserClient("192.0.2.153").PostCommentAsync(
            url, Comment("From our sister site"), new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-site", ["Origin"] = TrustingFactory.Trusted });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task A_refused_comment_can_be_sent_again_from_the_site_itself()
    {
        var url = await ArticleAsync("refused-then-own");
        var reader = factory.CreateBrowserClient("192.0.2.154");
        await reader.PostCommentAsync(url, Comment("Try me"), new Dictionary<string, string> { ["Origin"] = "https://evil.example" });

        var response = await reader.PostCommentAsync(url, Comment("Try me"), new Dictionary<string, string> { ["Origin"] = Own, ["Sec-Fetch-Site"] = "same-origin" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(await factory.CommentsOnAsync("refused-then-own"));
    }

    [Fact]
    public async Task Signed_in_forms_still_need_their_antiforgery_token()
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.155");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/settings")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.HoldAll"] = "true" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add("Origin", Own);

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signed_in_forms_from_another_site_are_refused_even_with_a_valid_token()
    {
        var admin = await factory.SignedInAdminAsync("192.0.2.156");
        var page = await admin.GetOkPageAsync("/admin/settings");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/settings")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.HoldAll"] = "true" }),
        };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public sealed class TrustingFactory : MovieNewsFactory
    {
        public const string Trusted = "https://forum.localhost";

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            [$"{CrossOriginProtection.TrustedOriginsSetting}:0"] = Trusted,
        };
    }
}
