using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>
/// Knows when the next scheduled article goes live, so cached pages are evicted at that moment: checked on
/// each cacheable request (a comparison of two times), refreshed from the database only when it passes or
/// an article is saved.
/// </summary>
public sealed class ScheduledArticles(IOutputCacheStore store, TimeProvider clock, IServiceScopeFactory scopes)
{
    private DateTime _nextDueUtc = DateTime.MinValue;

    public async Task EvictIfDueAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow().UtcDateTime < _nextDueUtc)
        {
            return;
        }

        await store.EvictByTagAsync(ReaderPageCache.AllTag, cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        await RefreshAsync(scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>(), cancellationToken);
    }

    public async Task RefreshAsync(MovieNewsDbContext db, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var next = await db.Articles.AsNoTracking()
            .Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.Scheduled && a.PublishedUtc > nowUtc)
            .MinAsync(a => a.PublishedUtc, cancellationToken);
        _nextDueUtc = next ?? DateTime.MaxValue;
    }
}
