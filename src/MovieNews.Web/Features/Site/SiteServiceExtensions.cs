namespace MovieNews.Web.Features.Site;

public static class SiteServiceExtensions
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteTime>();
        services.AddSingleton<SiteSettingsRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SiteSettingsRefresher>());
        return services;
    }
}
