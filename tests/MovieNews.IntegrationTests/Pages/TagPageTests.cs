using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

public sealed class TagPageTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task Tag_page_lists_only_articles_with_that_tag()
    {
        var page = await _client.GetOkPageAsync("/tags/sequels");

        Assert.Equal("Articles tagged “sequels”", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            ["Will there be a Purple Hearts 2? Here’s what we know about a sequel:", "What makes a sequel worth making?"],
            page.Texts(".article-summary h2"));
    }

    [Fact]
    public async Task Tag_page_paginates_when_a_tag_has_more_than_ten_articles()
    {
        for (var i = 0; i < 11; i++)
        {
            await factory.CreateArticleAsync($"paged-tag-{i}", Web.Features.Articles.ArticleStatus.Published, new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i), "paged");
        }

        var first = await _client.GetOkPageAsync("/tags/paged");
        var second = await _client.GetOkPageAsync("/tags/paged?page=2");

        Assert.Equal(10, first.Texts(".article-summary h2").Length);
        Assert.Equal(["Test article paged-tag-0"], second.Texts(".article-summary h2"));
        Assert.Equal("/tags/paged?page=2", first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Tag_index_lists_tags_with_their_article_counts()
    {
        var page = await _client.GetOkPageAsync("/tags");

        var romance = page.QuerySelectorAll(".tag-index li").Single(li => li.QuerySelector("a")!.TextContent == "romance");
        Assert.Equal("/tags/romance", romance.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("(3)", romance.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tags/no-such-tag")]
    [InlineData("/tags/bad_tag")]
    public async Task Unknown_tags_answer_404(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
