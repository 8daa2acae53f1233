using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Keeps the site serving while a shared cache (Redis) is away: a lookup becomes a miss and a store is skipped,
/// so pages are rendered fresh instead of failing. Nothing is tried while the connection is known to be down,
/// so readers do not wait out a timeout on every request.
/// </summary>
public sealed partial class FailSoftOutputCacheStore(IOutputCacheStore inner, IConnectionMultiplexer redis, ILogger<FailSoftOutputCacheStore> logger)
    : IOutputCacheStore, IDisposable
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return null;
        }

        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (RedisException e)
        {
            Unavailable(logger, "read", e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (RedisException e)
        {
            Unavailable(logger, "store", e);
        }
    }

    /// <summary>An eviction that cannot reach Redis is logged as an error: stale pages may be served until they expire.</summary>
    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            EvictionFailed(logger, tag, null);
            return;
        }

        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (RedisException e)
        {
            EvictionFailed(logger, tag, e);
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared page cache is unavailable ({Operation}); serving without it.")]
    private static partial void Unavailable(ILogger logger, string operation, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not evict '{Tag}' from the shared page cache; cached pages may be stale until they expire.")]
    private static partial void EvictionFailed(ILogger logger, string tag, Exception? exception);
}
