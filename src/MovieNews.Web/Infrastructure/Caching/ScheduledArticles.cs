using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Knows when the next scheduled article goes live, so cached pages are evicted at that moment: checked on
/// each cacheable request (a comparison of two times), refreshed from the database when it passes, on the next
/// request after an article is saved here, and every half minute (another app instance may have scheduled one).
/// </summary>
public sealed class ScheduledArticles(IOutputCacheStore store, TimeProvider clock, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan _recheckEvery = TimeSpan.FromSeconds(30);
    private DateTime _nextDueUtc = DateTime.MinValue;
    private DateTime _checkedUtc = DateTime.MinValue;
    private DateTime? _latestLiveUtc;
    private int _rechecking;

    public async Task EvictIfDueAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var due = nowUtc >= _nextDueUtc;
        if (!due && nowUtc - _checkedUtc < _recheckEvery)
        {
            return;
        }

        // The periodic look is one request's job, not every request's that arrives in the same moment.
        if (!due && Interlocked.Exchange(ref _rechecking, 1) == 1)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
            var previousLatestUtc = _latestLiveUtc;
            await RefreshAsync(db, cancellationToken);
            // Due here, or gone live on another instance's schedule since the last look.
            if (due || _latestLiveUtc != previousLatestUtc)
            {
                await TagCounts.RecountAsync(db, nowUtc, cancellationToken);
                await store.EvictByTagAsync(ReaderPageCache.AllTag, cancellationToken);
            }
        }
        finally
        {
            if (!due)
            {
                Volatile.Write(ref _rechecking, 0);
            }
        }
    }

    /// <summary>An article was saved: its schedule may have changed, so the next cacheable request looks again.</summary>
    public void RecheckSoon() => _checkedUtc = DateTime.MinValue;

    private async Task RefreshAsync(MovieNewsDbContext db, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        _checkedUtc = nowUtc;
        var next = await db.Articles.AsNoTracking()
            .Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.Scheduled && a.PublishedUtc > nowUtc)
            .MinAsync(a => a.PublishedUtc, cancellationToken);
        _nextDueUtc = next ?? DateTime.MaxValue;
        _latestLiveUtc = await db.Articles.AsNoTracking()
            .Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.Scheduled && a.PublishedUtc <= nowUtc)
            .MaxAsync(a => a.PublishedUtc, cancellationToken);
    }
}
