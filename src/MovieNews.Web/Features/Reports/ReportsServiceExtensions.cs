namespace MovieNews.Web.Features.Reports;

public static class ReportsServiceExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportLimiter>();
        services.AddScoped<CommentReports>();
        return services;
    }
}
