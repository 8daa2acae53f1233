using System.Threading.Channels;
using Microsoft.AspNetCore.OutputCaching;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Keeps a caching reverse proxy or CDN in front of the site as current as the app's own cache (docs/operations.md,
/// "Behind a caching proxy"): every shared reader page names its cache tags in a <c>Surrogate-Key</c> header, and
/// every eviction here is sent on to each proxy in <c>Caching:PurgeUrls</c> as <c>PURGE /</c> with the tag in
/// <c>Surrogate-Key</c> (the proxy bans what carries it: <c>deploy/varnish/movienews.vcl</c>). Purges go out in
/// the background, after the change is committed, so a slow proxy never slows a save; one that fails is logged,
/// and the page expires from the proxy after <c>Caching:SharedMaxAgeSeconds</c> anyway.
/// </summary>
public sealed partial class SharedCachePurger(IHttpClientFactory clients, IConfiguration configuration, ILogger<SharedCachePurger> logger) : BackgroundService
{
    public const string HeaderName = "Surrogate-Key";
    public const string HttpClientName = "shared-cache-purge";

    // Evictions come in bursts of a few tags; a proxy that stops answering must not make them pile up.
    private readonly Channel<string> _tags = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly Uri[] _proxies = ProxiesFrom(configuration);

    public bool Enabled => _proxies.Length > 0;

    public static Uri[] ProxiesFrom(IConfiguration configuration) =>
        [.. configuration.GetSection("Caching:PurgeUrls").GetChildren()
            .Select(c => c.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => Uri.TryCreate(v, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"Caching:PurgeUrls holds '{v}', which is not an http(s) address of a caching proxy."))];

    public void Enqueue(string tag)
    {
        if (Enabled)
        {
            _tags.Writer.TryWrite(tag);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = clients.CreateClient(HttpClientName);
        await foreach (var tag in _tags.Reader.ReadAllAsync(stoppingToken))
        {
            foreach (var proxy in _proxies)
            {
                try
                {
                    using var request = new HttpRequestMessage(new HttpMethod("PURGE"), proxy);
                    request.Headers.Add(HeaderName, tag);
                    using var response = await client.SendAsync(request, stoppingToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        Refused(logger, tag, proxy, (int)response.StatusCode);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    Failed(logger, tag, proxy, e);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The caching proxy {Proxy} refused to purge '{Tag}' ({Status}); its pages may be stale until they expire there.")]
    private static partial void Refused(ILogger logger, string tag, Uri proxy, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not purge '{Tag}' from the caching proxy {Proxy}; its pages may be stale until they expire there.")]
    private static partial void Failed(ILogger logger, string tag, Uri proxy, Exception exception);
}

/// <summary>The app's page store, telling the proxies of every eviction once it is done here.</summary>
public sealed class PurgingOutputCacheStore(IOutputCacheStore inner, SharedCachePurger purger) : IOutputCacheStore, IDisposable
{
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        inner.SetAsync(key, value, tags, validFor, cancellationToken);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        finally
        {
            purger.Enqueue(tag);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
