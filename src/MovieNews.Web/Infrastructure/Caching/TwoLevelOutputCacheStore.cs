using Microsoft.AspNetCore.OutputCaching;
using ZiggyCreatures.Caching.Fusion;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// The page cache of several instances (ADR-004): each page is kept in this process's memory and in Redis, so a hit
/// costs what it costs on one machine, and an instance that has not rendered a page yet takes it from Redis. An
/// eviction writes the tag's time to Redis and announces it on Redis pub/sub (FusionCache's backplane), so every
/// instance stops serving the pages it tags from memory; the announcement is sent before the eviction returns.
/// </summary>
public sealed class TwoLevelOutputCacheStore(IFusionCache cache) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var found = await cache.TryGetAsync<byte[]>(key, token: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var options = cache.DefaultEntryOptions.Duplicate(validFor);
        // The memory level has a size limit in bytes: a page counts for its length.
        options.Size = value.Length;
        await cache.SetAsync(key, value, options, tags, cancellationToken);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        await cache.RemoveByTagAsync(tag, token: cancellationToken);
}
