using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.Web.Infrastructure;

public static class WebUiExtensions
{
    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        // `dotnet run` outside Development serves from the build output, where the precompressed assets
        // live under obj/; the manifest that maps them exists only there (a published app has no such
        // file and this is a no-op). Without it a browser asking for gzip would get an empty stylesheet.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Admin", Policies.Staff);
            options.Conventions.AuthorizeFolder("/Admin/Users", Policies.AdminOnly);
            options.Conventions.AuthorizePage("/Admin/Settings", Policies.AdminOnly);
            options.Conventions.AuthorizeFolder("/Admin/Review", Policies.Editors);
            options.Conventions.AuthorizeFolder("/Admin/Comments", Policies.Editors);
            options.Conventions.AuthorizeFolder("/Admin/Bans", Policies.Editors);
            options.Conventions.AuthorizePage("/Admin/Audit", Policies.Editors);
            options.Conventions.AuthorizePage("/Admin/Privacy", Policies.Editors);
            options.Conventions.AuthorizeFolder("/Admin/Media", Policies.Uploaders);
        }).AddViewLocalization().AddMvcOptions(mvc => mvc.Filters.Add(new UnsupportedMethods()));
        builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        // Write non-ASCII text (curly quotes, accents, emoji) as itself rather than as numeric entities:
        // HTML-significant characters are still encoded, and pages get smaller and readable.
        builder.Services.Configure<WebEncoderOptions>(options =>
            options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>
    /// Files put in wwwroot after the build (an operator's verification file, the load test's static copy of a
    /// page) are served too; the fingerprinted assets keep their own endpoints, which run first.
    /// </summary>
    public static WebApplication UseUnlistedStaticFiles(this WebApplication app)
    {
        if (Directory.Exists(app.Environment.WebRootPath))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(app.Environment.WebRootPath) });
        }

        return app;
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
