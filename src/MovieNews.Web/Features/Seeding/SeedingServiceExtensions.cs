namespace MovieNews.Web.Features.Seeding;

public static class SeedingServiceExtensions
{
    public static IServiceCollection AddSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SeedOptions>(configuration.GetSection("Seeds"));
        services.AddScoped<SeedImporter>();
        services.AddSingleton<SeedPictures>();
        services.AddHostedService(provider => provider.GetRequiredService<SeedPictures>());
        return services;
    }
}
