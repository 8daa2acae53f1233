using System.Threading.RateLimiting;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// How often one client may send the comment form at all, stored or not. The flood rule counts stored comments;
/// a refused one is stored nowhere, so without this a client could send costly refusals (Markdown nested to the
/// parser's limit takes it most of a second) without pause. A refusal here re-shows the form with the words kept.
/// </summary>
public sealed class CommentPostLimiter : IDisposable
{
    public const string Section = "Comments";
    private readonly PartitionedRateLimiter<string> _limiter;

    public CommentPostLimiter(IConfiguration configuration)
    {
        var attempts = configuration.GetValue($"{Section}:PostAttemptsPerMinute", 20);
        var windowSeconds = configuration.GetValue($"{Section}:PostAttemptsWindowSeconds", 60);
        if (attempts < 1 || windowSeconds < 1)
        {
            throw new InvalidOperationException($"{Section}:PostAttemptsPerMinute and {Section}:PostAttemptsWindowSeconds must be at least 1.");
        }

        // A bucket of that many sends, refilled one at a time: the wait it names is the real one.
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = attempts,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds((double)windowSeconds / attempts),
                AutoReplenishment = true,
                QueueLimit = 0,
            }));
    }

    /// <summary>True when this client may send now; otherwise how long to wait.</summary>
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

    public void Dispose() => _limiter.Dispose();
}
