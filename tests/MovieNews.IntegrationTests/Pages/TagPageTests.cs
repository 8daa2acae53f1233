using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

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

    /// <summary>The count shown beside a tag on the index, or null when the tag is not listed (no article to show).</summary>
    private async Task<string?> IndexCountAsync(string tag)
    {
        var page = await factory.CreateBrowserClient().GetOkPageAsync("/tags");
        var item = page.QuerySelectorAll(".tag-index li").SingleOrDefault(li => li.QuerySelector("a")!.TextContent == tag);
        return item?.TextContent.Replace(tag, "", StringComparison.Ordinal).Trim();
    }

    private async Task ChangeAsync(string slug, Action<Article> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        change(await db.Articles.Include(a => a.Tags).SingleAsync(a => a.Slug == slug));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_tags_stored_count_follows_its_articles_being_published_unpublished_and_untagged()
    {
        await factory.CreateArticleAsync("counted-one", ArticleStatus.Published, null, "kept-count");
        await factory.CreateArticleAsync("counted-two", ArticleStatus.Published, null, "kept-count");
        await factory.CreateArticleAsync("counted-draft", ArticleStatus.Draft, null, "kept-count");
        Assert.Equal("(2)", await IndexCountAsync("kept-count"));

        await ChangeAsync("counted-one", a => a.Status = ArticleStatus.Draft);
        Assert.Equal("(1)", await IndexCountAsync("kept-count"));

        await ChangeAsync("counted-two", a => a.Tags.Clear());
        Assert.Null(await IndexCountAsync("kept-count"));
        Assert.Equal("No published articles carry this tag yet.", (await _client.GetOkPageAsync("/tags/kept-count")).QuerySelector("main p")!.TextContent);
    }

    [Fact]
    public async Task A_scheduled_article_counts_under_its_tag_once_it_goes_live()
    {
        await factory.CreateArticleAsync("counted-later", ArticleStatus.Scheduled, factory.Clock.GetUtcNow().UtcDateTime.AddHours(1), "counted-later-tag");
        Assert.Null(await IndexCountAsync("counted-later-tag"));

        factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal("(1)", await IndexCountAsync("counted-later-tag"));
        Assert.Equal(["Test article counted-later"], (await _client.GetOkPageAsync("/tags/counted-later-tag")).Texts(".article-summary h2"));
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
