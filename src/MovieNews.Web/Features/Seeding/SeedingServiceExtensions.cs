namespace MovieNews.Web.Features.Seeding;

public static class SeedingServiceExtensions
{
    public static IServiceCollection AddSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SeedOptions>(configuration.GetSection("Seeds"));
        services.AddScoped<SeedImporter>();
        return services;
    }
}
