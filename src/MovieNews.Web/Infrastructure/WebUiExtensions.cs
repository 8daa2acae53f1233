namespace MovieNews.Web.Infrastructure;

public static class WebUiExtensions
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages();
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        return services;
    }

    /// <summary>
    /// Friendly pages for errors and for 4xx answers: a developer sees the exception page only in Development.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }

        app.UseStatusCodePagesWithReExecute("/status/{0}");
        return app;
    }
}
