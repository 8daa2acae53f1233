namespace MovieNews.Web.Features.Site;

public static class SiteServiceExtensions
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddSingleton<SiteTime>();
        services.AddSingleton<SiteLanguage>();
        services.AddLocalization(options => options.ResourcesPath = SiteText.ResourcesPath);
        services.AddSingleton<SiteSettingsRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SiteSettingsRefresher>());
        return services;
    }
}
