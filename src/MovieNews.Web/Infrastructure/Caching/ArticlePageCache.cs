using System.Buffers.Binary;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Caches article pages for anonymous readers in the output-cache store, with the antiforgery placeholder
/// still in them. ASP.NET Core's output cache stores the response headers as they are when the response
/// starts, which for these pages would include one reader's antiforgery cookie; so this cache keeps only the
/// body, its type and its ETag, and <see cref="AntiforgeryHole"/> fills in each reader's own token.
/// </summary>
public static class ArticlePageCache
{
    private static readonly TimeSpan _lifetime = TimeSpan.FromMinutes(30);

    public static WebApplication UseArticlePageCache(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var slug = SlugOf(request.Path);
            if (slug is null || request.Query.ContainsKey("replyto") || !ReaderPageCache.IsAnonymousRead(request))
            {
                await next(context);
                return;
            }

            var store = context.RequestServices.GetRequiredService<IOutputCacheStore>();
            await context.RequestServices.GetRequiredService<ScheduledArticles>().EvictIfDueAsync(context.RequestAborted);
            var key = $"article-page:{slug}:{request.Query["cpage"]}";
            if (await store.GetAsync(key, context.RequestAborted) is { } stored)
            {
                await ServeAsync(context, Entry.Read(stored));
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var response = context.Response;
            var body = buffer.ToArray();
            var hole = response.Headers.ContainsKey(AntiforgeryHole.MarkerHeader) ? body.AsSpan().IndexOf(AntiforgeryHole.PlaceholderBytes) : -1;
            var entry = new Entry(response.ContentType ?? "text/html; charset=utf-8", response.Headers.ETag.ToString(), hole, body);
            if (response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.SetCookie))
            {
                await store.SetAsync(key, entry.Write(), [ReaderPageCache.AllTag, ReaderPageCache.ArticleTag(slug)], _lifetime, context.RequestAborted);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
        return app;
    }

    private static async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        response.Headers.ETag = entry.ETag;
        response.Headers.Age = "0";
        if (context.Request.Headers.IfNoneMatch == entry.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = entry.ContentType;
        if (entry.TokenHole < 0)
        {
            await response.Body.WriteAsync(entry.Body, context.RequestAborted);
            return;
        }

        // The hole's place is known: write around it rather than scan the page again.
        var token = AntiforgeryHole.IssueToken(context);
        var body = entry.Body;
        var after = entry.TokenHole + AntiforgeryHole.PlaceholderBytes.Length;
        response.ContentLength = body.Length - AntiforgeryHole.PlaceholderBytes.Length + token.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body[..entry.TokenHole], context.RequestAborted);
            await response.Body.WriteAsync(token, context.RequestAborted);
            await response.Body.WriteAsync(body[after..], context.RequestAborted);
        }
    }

    /// <summary>The slug when the path is an article page (<c>/articles/{slug}</c>), else null.</summary>
    public static string? SlugOf(PathString path)
    {
        var value = path.Value;
        const string prefix = "/articles/";
        return value is not null && value.StartsWith(prefix, StringComparison.Ordinal) && value.IndexOf('/', prefix.Length) < 0
            && Features.Articles.Slug.IsValid(value[prefix.Length..])
                ? value[prefix.Length..]
                : null;
    }

    /// <summary>What is kept: the body with its placeholder, and the two headers needed to serve it again.</summary>
    /// <summary>The body is a window on the stored bytes: pages are large (often over the large-object limit), so a hit must not copy them.</summary>
    private sealed record Entry(string ContentType, string ETag, int TokenHole, ReadOnlyMemory<byte> Body)
    {
        private const int Header = 12;

        public byte[] Write()
        {
            var type = Encoding.UTF8.GetBytes(ContentType);
            var etag = Encoding.UTF8.GetBytes(ETag);
            var bytes = new byte[Header + type.Length + etag.Length + Body.Length];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, type.Length);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), etag.Length);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), TokenHole);
            type.CopyTo(bytes, Header);
            etag.CopyTo(bytes, Header + type.Length);
            Body.Span.CopyTo(bytes.AsSpan(Header + type.Length + etag.Length));
            return bytes;
        }

        public static Entry Read(byte[] bytes)
        {
            var typeLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            var etagLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
            return new Entry(
                Encoding.UTF8.GetString(bytes, Header, typeLength),
                Encoding.UTF8.GetString(bytes, Header + typeLength, etagLength),
                BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)),
                bytes.AsMemory(Header + typeLength + etagLength));
        }
    }
}
