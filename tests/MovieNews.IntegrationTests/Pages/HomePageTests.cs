using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

public sealed class HomePageTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task Home_lists_the_ten_newest_published_articles_newest_first()
    {
        var page = await _client.GetOkPageAsync("/");

        var titles = page.Texts(".article-summary h2");
        Assert.Equal(10, titles.Length);
        Assert.Equal("The return of the movie musical", titles[0]);
        var dates = page.QuerySelectorAll(".article-summary time").Select(t => t.GetAttribute("datetime")).ToList();
        Assert.Equal(dates.OrderDescending(StringComparer.Ordinal), dates);
    }

    [Fact]
    public async Task Each_summary_shows_date_author_excerpt_tags_and_reading_time()
    {
        var page = await _client.GetOkPageAsync("/");

        var summary = page.QuerySelectorAll(".article-summary")
            .Single(s => s.QuerySelector("h2")!.TextContent.Contains("Purple Hearts 2", StringComparison.Ordinal));
        Assert.Equal("2022-08-12T09:00:00Z", summary.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("12 August 2022", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("by MovieNews Staff", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("min read", summary.TextContent, StringComparison.Ordinal);
        Assert.Contains("Luke and Cassie won a lot of hearts", summary.TextContent, StringComparison.Ordinal);
        Assert.Equal(["movies", "netflix", "romance", "sequels"], summary.QuerySelectorAll(".tags a").Select(a => a.TextContent));
        Assert.Equal("/articles/will-there-be-a-purple-hearts-2", summary.QuerySelector("h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Page_two_holds_the_older_articles_and_numbered_links()
    {
        var first = await _client.GetOkPageAsync("/");
        var second = await _client.GetOkPageAsync("/?page=2");

        Assert.Equal(4, second.Texts(".article-summary h2").Length);
        Assert.Empty(first.Texts(".article-summary h2").Intersect(second.Texts(".article-summary h2")));
        Assert.Equal("2", second.QuerySelector(".pagination [aria-current=page]")!.TextContent);
        Assert.Equal("/?page=2", first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/", second.QuerySelector(".pagination a[rel=prev]")!.GetAttribute("href"));
    }
}
