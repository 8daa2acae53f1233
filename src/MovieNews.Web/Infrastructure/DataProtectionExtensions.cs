using Microsoft.AspNetCore.DataProtection;

namespace MovieNews.Web.Infrastructure;

public static class DataProtectionExtensions
{
    /// <summary>
    /// Keys that sign antiforgery tokens and the commenters' cookies survive a restart: they are kept under
    /// <c>data/keys</c> (configurable with <c>DataProtection:KeysPath</c>), beside the database.
    /// </summary>
    public static WebApplicationBuilder AddSiteDataProtection(this WebApplicationBuilder builder)
    {
        var keysPath = Path.GetFullPath(
            builder.Configuration["DataProtection:KeysPath"] ?? Path.Combine("data", "keys"),
            builder.Environment.ContentRootPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("MovieNews")
            .PersistKeysToFileSystem(Directory.CreateDirectory(keysPath));
        return builder;
    }
}
