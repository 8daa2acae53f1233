using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// What anonymous readers see is the same bytes for everyone (ADR-005): no per-reader token, no cookie. So
/// ASP.NET Core's output cache keeps home, tag and article pages and the feeds, and the responses say any shared
/// cache (a reverse proxy, a CDN) may keep them too. Anyone who would see something of their own — a signed-in
/// editor, a commenter with a held comment, saved details or a comment just posted — bypasses every cache and
/// gets a private answer. Entries are tagged so a change evicts exactly the pages it affects (<see cref="ReaderCacheInvalidation"/>).
/// </summary>
public static class ReaderPageCache
{
    /// <summary>Home, tag pages, feeds and the sitemap: evicted when any article changes.</summary>
    public const string PolicyName = "reader-pages";

    /// <summary>An article page: evicted when that article or its visible comments change.</summary>
    public const string ArticlePolicyName = "article-page";

    /// <summary>The memory the cached pages of one instance may take.</summary>
    public const long MemoryBytes = 256L * 1024 * 1024;

    public const string AllTag = "reader";
    public const string ListsTag = "lists";
    private static readonly string[] _readerCookies = ["mn_auth", PendingCommentsCookie.Name, CommenterCookie.Name, FreshPageCookie.Name, OwnCommentsCookie.Name];

    /// <summary>True when nothing in the request makes the page this reader's own, so a shared copy may serve it.</summary>
    public static bool IsAnonymousRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Headers.ContainsKey(HeaderNames.Authorization)
        && !_readerCookies.Any(request.Cookies.ContainsKey);

    public static string ArticleTag(int articleId) => $"article:{articleId}";

    public static string SeriesTag(int seriesId) => $"series:{seriesId}";

    public static void TagSeries(HttpContext context, int seriesId) =>
        context.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(SeriesTag(seriesId));

    /// <summary>The article page knows its article only once it has loaded it: it tags its own cache entry.</summary>
    public static void TagArticle(HttpContext context, int articleId) =>
        context.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(ArticleTag(articleId));

    /// <summary>
    /// Reader pages are compressed inside the output cache, so a hit writes stored compressed bytes instead of
    /// compressing 85 KB again. Only they are: they hold no secret, while pages with antiforgery tokens that also
    /// echo what was typed (sign-in, the admin area) stay uncompressed over HTTPS (BREACH).
    /// </summary>
    public static WebApplication UseReaderPageCompression(this WebApplication app)
    {
        app.UseWhen(
            context => context.GetEndpoint()?.Metadata is { } metadata
                && (metadata.GetMetadata<OutputCacheAttribute>() is not null || metadata.GetMetadata<IOutputCachePolicy>() is not null),
            branch => branch.UseResponseCompression());
        return app;
    }

    private static Task ResetAge(HttpResponse response)
    {
        if (response.Headers.ContainsKey(HeaderNames.Age))
        {
            response.Headers.Age = "0";
        }

        return Task.CompletedTask;
    }

    private static Task NameTags(OutputCacheContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        if (!headers.ContainsKey(SharedCachePurger.HeaderName))
        {
            headers[SharedCachePurger.HeaderName] = string.Join(' ', context.Tags);
        }

        return Task.CompletedTask;
    }

    /// <summary>The encoding the compression middleware will pick for this request ("br", "gzip"), or "" for none.</summary>
    private static string EncodingFor(HttpContext context)
    {
        var compression = context.RequestServices.GetRequiredService<IResponseCompressionProvider>();
        return compression.CheckRequestAcceptsCompression(context) ? compression.GetCompressionProvider(context)?.EncodingName ?? string.Empty : string.Empty;
    }

    public static IServiceCollection AddReaderPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var sharedMaxAge = configuration.GetValue("Caching:SharedMaxAgeSeconds", 60);
        var staleWhileRevalidate = configuration.GetValue("Caching:StaleWhileRevalidateSeconds", 60);
        if (sharedMaxAge < 0 || staleWhileRevalidate < 0)
        {
            throw new InvalidOperationException("Caching:SharedMaxAgeSeconds and Caching:StaleWhileRevalidateSeconds must be 0 or more.");
        }

        var purging = SharedCachePurger.ProxiesFrom(configuration).Length > 0;
        // Browsers revalidate every time (max-age=0, with the ETag); shared caches may keep the page this long.
        var publicCacheControl = string.Create(CultureInfo.InvariantCulture,
            $"public, max-age=0, s-maxage={sharedMaxAge}, stale-while-revalidate={staleWhileRevalidate}");
        services.AddOutputCache(options =>
        {
            options.SizeLimit = MemoryBytes;
            options.AddPolicy(PolicyName, new ReaderPagePolicy(publicCacheControl, article: false, surrogateKeys: purging));
            options.AddPolicy(ArticlePolicyName, new ReaderPagePolicy(publicCacheControl, article: true, surrogateKeys: purging));
        });
        if (purging)
        {
            services.AddHttpClient(SharedCachePurger.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
            services.AddSingleton<SharedCachePurger>();
            services.AddHostedService(provider => provider.GetRequiredService<SharedCachePurger>());
            var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
            services.Remove(store);
            services.AddSingleton<IOutputCacheStore>(provider => new PurgingOutputCacheStore(
                (IOutputCacheStore)(store.ImplementationInstance ?? store.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, store.ImplementationType!)),
                provider.GetRequiredService<SharedCachePurger>()));
        }

        services.AddResponseCompression(options => options.EnableForHttps = true);
        services.AddSingleton<ScheduledArticles>();
        // Every DbContext picks up the registered interceptors: changes reach the caches from SaveChanges alone.
        services.AddSingleton<ReaderCacheInvalidation>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(services => services.GetRequiredService<ReaderCacheInvalidation>());
        return services;
    }

    private sealed class ReaderPagePolicy(string publicCacheControl, bool article, bool surrogateKeys) : IOutputCachePolicy
    {
        private static readonly string[] _listQuery = ["page"];
        private static readonly string[] _articleQuery = ["cpage", "sort"];
        private static readonly TimeSpan _lifetime = TimeSpan.FromMinutes(30);

        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var anonymous = IsAnonymousRead(http.Request);
            // A reply form (?replyto=) names any comment id: never worth an entry here or in a cache in front,
            // and would let anyone fill them.
            var shared = anonymous && !(article && http.Request.Query.ContainsKey("replyto"));
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = shared;
            context.AllowCacheStorage = shared;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = _lifetime;
            context.CacheVaryByRules.QueryKeys = article ? _articleQuery : _listQuery;
            // Absolute links on these pages come from the request's host unless Site:PublicUrl is set.
            context.CacheVaryByRules.VaryByHost = http.RequestServices.GetRequiredService<SiteUrls>().VaryCachesByHost;
            // Pages are stored compressed, one copy per encoding the compression middleware will choose for this request.
            context.CacheVaryByRules.VaryByValues["encoding"] = EncodingFor(http);
            // Dates are shown in the site's zone: a page an instance rendered before it learnt of a new zone is never served after.
            // The reader's theme choice is written into the page (data-theme): one copy per choice.
            context.CacheVaryByRules.VaryByValues["theme"] = ThemeChoice.Of(http.Request);
            context.CacheVaryByRules.VaryByValues["zone"] = http.RequestServices.GetRequiredService<Features.Site.SiteTime>().Zone.Id;
            // One language per site, but instances sharing a cache (Redis) while a language change rolls out must not mix pages.
            context.CacheVaryByRules.VaryByValues["language"] = System.Globalization.CultureInfo.CurrentUICulture.Name;
            context.Tags.Add(AllTag);
            if (!article)
            {
                context.Tags.Add(ListsTag);
            }

            // Set now: the output cache keeps the headers as they are when the body starts.
            var headers = http.Response.Headers;
            if (shared)
            {
                headers.CacheControl = publicCacheControl;
                // The page differs for readers with one of the site's cookies: caches that honour Vary keep them apart.
                headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
                // An entry is evicted the moment its page changes, so a hit is as current as a fresh render: its age
                // in this cache must not use up the s-maxage a proxy or CDN in front may keep it for.
                http.Response.OnStarting(static state => ResetAge((HttpResponse)state), http.Response);
                if (surrogateKeys)
                {
                    // The proxies in front are told of evictions by tag: each page names its tags (a hit has them stored).
                    http.Response.OnStarting(static state => NameTags((OutputCacheContext)state), context);
                }
            }
            else
            {
                headers.CacheControl = "private, no-cache";
            }

            // A scheduled article whose time has come changes the lists and its own page, with no save to evict them.
            await http.RequestServices.GetRequiredService<ScheduledArticles>().EvictIfDueAsync(cancellation);
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
