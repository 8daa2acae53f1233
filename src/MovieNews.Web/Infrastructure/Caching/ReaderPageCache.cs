using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Output caching for what anonymous readers see: the home and tag pages here (ASP.NET Core output caching),
/// the article pages through <see cref="ArticlePageCache"/> on the same store. Anyone who
/// would see something of their own — a signed-in editor, a commenter with a held comment or saved details —
/// bypasses the cache both ways. Entries are tagged so a change evicts exactly the pages it affects.
/// </summary>
public static class ReaderPageCache
{
    public const string PolicyName = "reader-pages";
    public const string AllTag = "reader";
    public const string ListsTag = "lists";
    private static readonly string[] _readerCookies = ["mn_auth", PendingCommentsCookie.Name, CommenterCookie.Name];

    /// <summary>True when nothing in the request makes the page this reader's own, so a shared copy may serve it.</summary>
    public static bool IsAnonymousRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Headers.ContainsKey(HeaderNames.Authorization)
        && !_readerCookies.Any(request.Cookies.ContainsKey);

    public static string ArticleTag(string slug) => $"article:{slug}";

    public static IServiceCollection AddReaderPageCache(this IServiceCollection services)
    {
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 256L * 1024 * 1024;
            options.AddPolicy(PolicyName, new ReaderPagePolicy());
        });
        services.AddSingleton<ScheduledArticles>();
        services.AddScoped<ReaderCacheEviction>();
        return services;
    }

    private sealed class ReaderPagePolicy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var anonymous = IsAnonymousRead(request);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = anonymous;
            context.AllowCacheStorage = anonymous;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(30);
            context.CacheVaryByRules.QueryKeys = new Microsoft.Extensions.Primitives.StringValues(["page", "cpage", "replyto"]);
            context.Tags.Add(AllTag);
            context.Tags.Add(ListsTag);

            // A scheduled article whose time has come changes the lists and its own page, with no save to evict them.
            await context.HttpContext.RequestServices.GetRequiredService<ScheduledArticles>().EvictIfDueAsync(cancellation);
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}
