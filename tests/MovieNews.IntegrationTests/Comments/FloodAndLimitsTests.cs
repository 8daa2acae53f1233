using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using static MovieNews.IntegrationTests.Support.CommentForms;

namespace MovieNews.IntegrationTests.Comments;

public sealed class FloodFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Moderation:FloodIntervalSeconds"] = "15",
        ["Moderation:MaxDepth"] = "2",
    };
}

public sealed class FloodAndLimitsTests(FloodFactory factory) : IClassFixture<FloodFactory>
{
    [Fact]
    public async Task A_second_comment_within_15_seconds_answers_429_with_retry_after_and_keeps_the_text()
    {
        await factory.CreateArticleAsync("flooded", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = factory.CreateBrowserClient("198.51.100.1");
        await client.PostCommentAsync("/articles/flooded", Comment("First"));

        var response = await client.PostCommentAsync("/articles/flooded", Comment("Second, too soon"));
        var page = await HtmlClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 15);
        Assert.Contains("too quickly", page.QuerySelector("#form-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Second, too soon", page.QuerySelector("#Input_Body")!.TextContent);
        Assert.Single(await factory.CommentsOnAsync("flooded"));
    }

    [Fact]
    public async Task Another_client_is_not_slowed_down_by_the_first()
    {
        await factory.CreateArticleAsync("two-clients", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await factory.CreateBrowserClient("198.51.100.2").PostCommentAsync("/articles/two-clients", Comment("Mine"));

        var response = await factory.CreateBrowserClient("198.51.100.3").PostCommentAsync("/articles/two-clients", Comment("Yours"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task A_reply_to_a_comment_at_the_configured_maximum_depth_joins_its_parent()
    {
        await factory.CreateArticleAsync("max-depth", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var top = await PostAsync("198.51.100.10", "/articles/max-depth", "Top");
        var second = await PostAsync("198.51.100.11", $"/articles/max-depth?replyto={top}", "Second level");

        var third = await PostAsync("198.51.100.12", $"/articles/max-depth?replyto={second}", "Would be third level");

        var page = await factory.CreateBrowserClient("198.51.100.13").GetOkPageAsync("/articles/max-depth");
        Assert.Equal(2, page.QuerySelectorAll($"#comment-{top} ~ details > ol > li > article").Length);
        Assert.NotNull(page.QuerySelector($"#comment-{top} ~ details > ol > li > article#comment-{third}"));
    }

    [Fact]
    public async Task Posting_on_an_article_with_comments_closed_answers_403_and_stores_nothing()
    {
        await factory.CreateArticleAsync("closed", ArticleStatus.Published, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var client = factory.CreateBrowserClient("198.51.100.20");
        var page = await client.GetOkPageAsync("/articles/closed");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>().Articles
                .Where(a => a.Slug == "closed").ExecuteUpdateAsync(s => s.SetProperty(a => a.CommentsOpen, false));
        }

        var response = await client.SubmitCommentFormAsync(page, Comment("Too late"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("closed", (await HtmlClient.ParseAsync(response)).QuerySelector("#respond")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await factory.CommentsOnAsync("closed"));
    }

    private async Task<int> PostAsync(string address, string url, string body)
    {
        var response = await factory.CreateBrowserClient(address).PostCommentAsync(url, Comment(body));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return CommentQueries.CommentId(response.Headers.Location!.OriginalString);
    }
}
