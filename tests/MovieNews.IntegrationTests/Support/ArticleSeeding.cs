using Microsoft.Extensions.DependencyInjection;
using MovieNews.Web.Features.Articles;

namespace MovieNews.IntegrationTests.Support;

public static class ArticleSeeding
{
    /// <summary>Stores an article through the same authoring service the app uses; each test passes its own slug.</summary>
    public static Task CreateArticleAsync(
        this MovieNewsFactory factory, string slug, ArticleStatus status, DateTime? publishedUtc, params string[] tags) =>
        factory.CreatePublishedArticleAsync(slug, $"Body of {slug}.", status, publishedUtc, tags);

    /// <summary>The same, with the Markdown body the test needs.</summary>
    public static async Task CreatePublishedArticleAsync(
        this MovieNewsFactory factory, string slug, string bodyMarkdown, ArticleStatus status = ArticleStatus.Published, DateTime? publishedUtc = null, params string[] tags)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var authoring = scope.ServiceProvider.GetRequiredService<ArticleAuthoring>();
        await authoring.CreateAsync(
            new ArticleInput($"Test article {slug}", slug, "", bodyMarkdown, "Test Author", status, publishedUtc ?? new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), tags),
            "test",
            CancellationToken.None);
    }
}
