using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Media;

public static class MediaServiceExtensions
{
    /// <summary>Served files are content-addressed: a browser or CDN may keep one for a year and never ask again.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MediaOptions.SectionName);
        builder.Services.Configure<MediaOptions>(section);
        var options = section.Get<MediaOptions>() ?? new MediaOptions();
        var onDatabase = options.Store?.Trim() switch
        {
            null or "" => DatabaseProviders.From(builder.Configuration) == DatabaseProvider.Postgres,
            var s when s.Equals("Database", StringComparison.OrdinalIgnoreCase) => true,
            var s when s.Equals("FileSystem", StringComparison.OrdinalIgnoreCase) => false,
            var s => throw new InvalidOperationException($"Media:Store is \"{s}\"; it must be \"FileSystem\" or \"Database\"."),
        };
        if (onDatabase)
        {
            builder.Services.AddSingleton<IMediaStore, DatabaseMediaStore>();
        }
        else
        {
            var contentRoot = builder.Environment.ContentRootPath;
            var directory = options.Directory is { Length: > 0 } configured
                ? Path.GetFullPath(configured, contentRoot)
                : Path.Combine(DataServiceExtensions.DataDirectory(builder.Configuration, contentRoot), "media");
            builder.Services.AddSingleton<IMediaStore>(new FileSystemMediaStore(directory));
        }

        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<MediaFiles>();
        builder.Services.AddSingleton<FeaturedPictures>();
        builder.Services.AddScoped<MediaLibrary>();
        return builder;
    }

    public static WebApplication MapMedia(this WebApplication app)
    {
        app.MapMethods(MediaAddresses.Prefix + "{key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);
        return app;
    }

    private static async Task<IResult> ServeAsync(string key, HttpContext context, MediaFiles files, CancellationToken cancellationToken)
    {
        if (!MediaAddresses.IsKey(key) || await files.ReadAsync(key, cancellationToken) is not { } content)
        {
            // The same key may exist later (the same picture uploaded again): no cache may keep the 404.
            context.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = ImmutableCacheControl;
        var extension = key[(key.LastIndexOf('.') + 1)..];
        return Results.File(content, ImageFormats.ContentTypeOf(extension),
            entityTag: new EntityTagHeaderValue($"\"{key[..key.LastIndexOf('.')]}\""), enableRangeProcessing: true);
    }
}

/// <summary>The store behind a small memory cache: the pictures of the pages being read stay in memory.</summary>
public sealed class MediaFiles(IMediaStore store) : IDisposable
{
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    public async ValueTask<byte[]?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (_recent.TryGetValue(key, out byte[]? cached))
        {
            return cached;
        }

        var content = await store.ReadAsync(key, cancellationToken);
        if (content is not null)
        {
            // Content-addressed, so never stale; a deleted picture's file may be served until it falls out.
            _recent.Set(key, content, new MemoryCacheEntryOptions { Size = content.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }

        return content;
    }

    public void Forget(string key) => _recent.Remove(key);

    public void Dispose() => _recent.Dispose();
}
