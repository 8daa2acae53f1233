using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Articles;

public static class ArticlesServiceExtensions
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<ArticleAuthoring>();
        services.AddScoped<Search.ISearchIndex, Search.SqliteSearchIndex>();
        services.AddScoped<Portability.SiteArchive>();
        services.AddScoped<Portability.WxrImporter>();
        services.AddScoped<Audit.AuditLog>();
        services.AddHttpContextAccessor();
        return services;
    }
}
