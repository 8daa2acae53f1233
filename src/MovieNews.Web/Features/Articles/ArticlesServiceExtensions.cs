using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Articles;

public static class ArticlesServiceExtensions
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ArticleAuthoring>();
        services.AddScoped<Review.ArticleReview>();
        services.AddScoped<Review.ReviewMail>();
        services.AddScoped<Search.SqliteSearchIndex>();
        services.AddScoped<Search.PostgresSearchIndex>();
        services.AddScoped<Search.ISearchIndex>(provider => provider.GetRequiredService<MovieNewsDbContext>().Database.IsNpgsql()
            ? provider.GetRequiredService<Search.PostgresSearchIndex>()
            : provider.GetRequiredService<Search.SqliteSearchIndex>());
        services.AddScoped<Series.RelatedArticles>();
        services.AddScoped<Portability.SiteArchive>();
        services.AddScoped<Portability.WxrImporter>();
        services.AddScoped<Audit.AuditLog>();
        services.AddHttpContextAccessor();
        services.AddPreviewBudget();
        return services;
    }
}
