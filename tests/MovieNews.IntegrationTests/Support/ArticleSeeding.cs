using Microsoft.Extensions.DependencyInjection;
using MovieNews.Web.Features.Articles;

namespace MovieNews.IntegrationTests.Support;

public static class ArticleSeeding
{
    /// <summary>Stores an article through the same authoring service the app uses; each test passes its own slug.</summary>
    public static async Task CreateArticleAsync(
        this MovieNewsFactory factory, string slug, ArticleStatus status, DateTime? publishedUtc, params string[] tags)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var authoring = scope.ServiceProvider.GetRequiredService<ArticleAuthoring>();
        await authoring.CreateAsync(
            new ArticleInput($"Test article {slug}", slug, "", $"Body of {slug}.", "Test Author", status, publishedUtc, tags),
            "test",
            CancellationToken.None);
    }
}
