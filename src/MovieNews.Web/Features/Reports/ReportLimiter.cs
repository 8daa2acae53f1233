using System.Threading.RateLimiting;

namespace MovieNews.Web.Features.Reports;

/// <summary>
/// How many reports one client may send, on any comments: each comment counts a client once anyway, so this stops
/// one client from reporting a whole thread (or sending costly refusals) in a burst.
/// </summary>
public sealed class ReportLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ReportLimiter(IConfiguration configuration)
    {
        var reports = configuration.GetValue("Comments:ReportsPerHour", 10);
        var windowSeconds = configuration.GetValue("Comments:ReportsWindowSeconds", 3600);
        if (reports < 1 || windowSeconds < 1)
        {
            throw new InvalidOperationException("Comments:ReportsPerHour and Comments:ReportsWindowSeconds must be at least 1.");
        }

        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = reports,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds((double)windowSeconds / reports),
                AutoReplenishment = true,
                QueueLimit = 0,
            }));
    }

    /// <summary>True when this client may report now; otherwise how long to wait.</summary>
    public bool TryEnter(string clientHash, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(clientHash);
        retryAfter = TimeSpan.Zero;
        if (!lease.IsAcquired)
        {
            lease.TryGetMetadata(MetadataName.RetryAfter, out var wait);
            retryAfter = wait + TimeSpan.FromMilliseconds(250);
        }

        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
