using Microsoft.Extensions.DependencyInjection;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Seeding;

namespace MovieNews.IntegrationTests.Comments;

public sealed class SeedCommentsTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Slug = "will-there-be-a-purple-hearts-2";

    [Fact]
    public async Task All_52_reader_comments_and_the_seeded_replies_are_imported_through_moderation()
    {
        var comments = await factory.CommentsOnAsync(Slug);

        Assert.Equal(60, comments.Count);
        Assert.Equal(52, comments.Count(c => c.ParentId is null));
        var held = Assert.Single(comments, c => c.Status != CommentStatus.Approved);
        Assert.Equal(CommentStatus.Pending, held.Status);
        Assert.Equal("Reader 5", held.AuthorName);
        Assert.Equal(["Blocked words: fuck."], held.ModerationReasons);
    }

    [Fact]
    public async Task The_seed_article_shows_its_approved_comments_threaded_at_least_three_deep()
    {
        var page = await factory.CreateBrowserClient().GetOkPageAsync($"/articles/{Slug}");
        var secondPage = await factory.CreateBrowserClient().GetOkPageAsync($"/articles/{Slug}?cpage=2");

        Assert.StartsWith("59 thoughts on “Will there be a Purple Hearts 2?", page.QuerySelector("#comments-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, page.QuerySelectorAll("#comments > ol > li > article.comment").Length);
        Assert.Equal(1, secondPage.QuerySelectorAll("#comments > ol > li > article.comment").Length);
        Assert.Equal(59, page.QuerySelectorAll("article.comment").Length + secondPage.QuerySelectorAll("article.comment").Length);
        Assert.NotEmpty(page.QuerySelectorAll("#comments > ol > li > details > ol > li > ol > li > ol > li > article.comment"));
        Assert.DoesNotContain("fuck off", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("BEST MOVIE EVER <3 <3 <3", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_comments_keep_their_emoji_and_line_breaks()
    {
        var page = await factory.CreateBrowserClient().GetOkPageAsync($"/articles/{Slug}");

        Assert.Contains("🤗🫡", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("article.comment .comment-body br"));
    }

    [Fact]
    public async Task Importing_the_seeds_again_adds_no_comment()
    {
        await using var scope = factory.Services.CreateAsyncScope();

        var imported = await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportAsync(CancellationToken.None);

        Assert.Equal(0, imported);
        Assert.Equal(60, (await factory.CommentsOnAsync(Slug)).Count);
    }
}
