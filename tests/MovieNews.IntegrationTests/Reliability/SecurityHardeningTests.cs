using System.Net;
using MovieNews.IntegrationTests.Support;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Reliability;

public sealed class SecurityHardeningTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    [Theory]
    [InlineData("/")]
    [InlineData(Article)]
    [InlineData("/tags/movies")]
    [InlineData("/account/login")]
    [InlineData("/no-such-page")]
    public async Task Every_html_response_carries_the_security_headers(string url)
    {
        var response = await factory.CreateBrowserClient().GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSrc, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", scriptSrc, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        var page = await factory.CreateBrowserClient().GetOkPageAsync(Article);

        Assert.All(page.QuerySelectorAll("script:not([type='application/ld+json'])"), script => Assert.True(script.HasAttribute("src") && script.TextContent.Trim().Length == 0));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://movienews.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_not_sent_over_plain_http()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_comment_post_over_256_KiB_answers_413_and_stores_nothing()
    {
        var client = factory.CreateBrowserClient();
        var before = (await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2")).Count;

        var response = await client.PostCommentAsync(Article, Comment(new string('x', 300 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Too large", (await HtmlClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        Assert.Equal(before, (await factory.CommentsOnAsync("will-there-be-a-purple-hearts-2")).Count);
    }

    [Fact]
    public async Task A_form_with_too_many_fields_answers_400()
    {
        var client = factory.CreateBrowserClient();
        var fields = Enumerable.Range(0, 500).Select(i => new KeyValuePair<string, string>($"f{i}", "x"));

        var response = await client.PostAsync(Article, new FormUrlEncodedContent(fields));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
