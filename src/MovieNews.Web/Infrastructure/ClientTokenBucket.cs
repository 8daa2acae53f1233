using System.Threading.RateLimiting;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// A bucket per client (its salted hash) of <c>count</c> sends in <c>window</c>, refilled one at a time, so the wait it
/// names is the real one. The limits built on it read their two settings by name and say which are wrong.
/// </summary>
public abstract class ClientTokenBucket : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    protected ClientTokenBucket(IConfiguration configuration, string countSetting, int defaultCount, string windowSecondsSetting, int defaultWindowSeconds)
    {
        var count = configuration.GetValue(countSetting, defaultCount);
        var windowSeconds = configuration.GetValue(windowSecondsSetting, defaultWindowSeconds);
        if (count < 1 || windowSeconds < 1)
        {
            throw new InvalidOperationException($"{countSetting} and {windowSecondsSetting} must be at least 1.");
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = count,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds((double)windowSeconds / count),
                AutoReplenishment = true,
                QueueLimit = 0,
            }));
    }

    /// <summary>True when this client may go ahead now; otherwise how long to wait.</summary>
    public bool TryEnter(string clientHash, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(clientHash);
        retryAfter = TimeSpan.Zero;
        if (!lease.IsAcquired)
        {
            // Buckets are refilled by a timer that ticks every 100 ms: the wait named must include a tick.
            lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
            retryAfter = wait + TimeSpan.FromMilliseconds(250);
        }

        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _limiter.Dispose();
        GC.SuppressFinalize(this);
    }
}
