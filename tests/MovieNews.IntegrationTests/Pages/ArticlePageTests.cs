using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

public sealed class ArticlePageTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string SeedArticle = "/articles/will-there-be-a-purple-hearts-2";
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task Seed_article_shows_its_title_byline_and_reading_time()
    {
        var page = await _client.GetOkPageAsync(SeedArticle);

        Assert.Equal("Will there be a Purple Hearts 2? Here’s what we know about a sequel:", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("2022-08-12T09:00:00Z", page.QuerySelector("article header time")!.GetAttribute("datetime"));
        Assert.Contains("By MovieNews Staff", page.QuerySelector("article header .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"\d+ min read", page.QuerySelector("article header .meta")!.TextContent);
        Assert.StartsWith("Will there be a Purple Hearts 2?", page.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_article_shows_its_section_headings()
    {
        var page = await _client.GetOkPageAsync(SeedArticle);

        Assert.Equal(
            ["What is Purple Hearts about?", "Will there be a Purple Hearts 2?", "What could Purple Hearts 2 be about?", "When could Purple Hearts 2 be released?"],
            page.Texts(".article-body h2"));
    }

    [Fact]
    public async Task Seed_article_shows_both_interview_quotes_as_blockquotes()
    {
        var page = await _client.GetOkPageAsync(SeedArticle);

        var quotes = page.Texts(".article-body blockquote");
        Assert.Equal(2, quotes.Length);
        Assert.StartsWith("“Now fans have kind of been demanding a sequel", quotes[0], StringComparison.Ordinal);
        Assert.StartsWith("“I mean, I could watch the two of them", quotes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_article_links_its_tags()
    {
        var page = await _client.GetOkPageAsync(SeedArticle);

        Assert.Equal(
            ["/tags/movies", "/tags/netflix", "/tags/romance", "/tags/sequels"],
            page.QuerySelectorAll("article header .tags a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/articles/no-such-article")]
    [InlineData("/articles/will-there-be")]
    [InlineData("/articles/%3Cscript%3E")]
    [InlineData("/articles/a%20b")]
    public async Task Unknown_slugs_answer_a_friendly_404(string url)
    {
        var (response, page) = await _client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }
}
