using System.Net;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Articles;

namespace MovieNews.IntegrationTests.Pages;

public sealed class PublishingVisibilityTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task A_draft_is_invisible_to_readers()
    {
        await factory.CreateArticleAsync("a-draft", ArticleStatus.Draft, null, "hidden-draft");

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/articles/a-draft")).StatusCode);
        Assert.DoesNotContain("Test article a-draft", (await _client.GetOkPageAsync("/")).Texts(".article-summary h2"));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/tags/hidden-draft?page=2")).StatusCode);
        Assert.Empty((await _client.GetOkPageAsync("/tags/hidden-draft")).Texts(".article-summary h2"));
    }

    [Fact]
    public async Task A_scheduled_article_is_invisible_until_its_time_then_appears_by_itself()
    {
        var goesLive = factory.Clock.GetUtcNow().UtcDateTime.AddHours(1);
        await factory.CreateArticleAsync("scheduled-later", ArticleStatus.Scheduled, goesLive);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/articles/scheduled-later")).StatusCode);
        Assert.DoesNotContain("Test article scheduled-later", (await _client.GetOkPageAsync("/")).Texts(".article-summary h2"));

        factory.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/articles/scheduled-later")).StatusCode);
        Assert.Equal("Test article scheduled-later", (await _client.GetOkPageAsync("/")).Texts(".article-summary h2")[0]);
    }
}
