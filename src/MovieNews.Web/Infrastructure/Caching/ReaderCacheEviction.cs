using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;

namespace MovieNews.Web.Infrastructure.Caching;

/// <summary>Evicts cached reader pages the moment what they show changes.</summary>
public sealed class ReaderCacheEviction(IOutputCacheStore store, MovieNewsDbContext db, ScheduledArticles scheduled)
{
    /// <summary>An article was saved, published, unpublished, scheduled, trashed or restored.</summary>
    public async Task ArticleChangedAsync(IEnumerable<string> slugs, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(ReaderPageCache.ListsTag, cancellationToken);
        foreach (var slug in slugs.Distinct())
        {
            await store.EvictByTagAsync(ReaderPageCache.ArticleTag(slug), cancellationToken);
        }

        await scheduled.RefreshAsync(db, cancellationToken);
    }

    /// <summary>Comments that readers can see changed on these articles (approved, edited, removed).</summary>
    public async Task CommentsChangedAsync(IEnumerable<int> articleIds, CancellationToken cancellationToken)
    {
        var ids = articleIds.Distinct().ToList();
        await db.Articles.Where(a => ids.Contains(a.Id))
            .ExecuteUpdateAsync(update => update.SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + 1), cancellationToken);
        var slugs = await db.Articles.Where(a => ids.Contains(a.Id)).Select(a => a.Slug).ToListAsync(cancellationToken);
        foreach (var slug in slugs)
        {
            await store.EvictByTagAsync(ReaderPageCache.ArticleTag(slug), cancellationToken);
        }
    }

    /// <summary>Site-wide display settings changed (depth, page size, closing): every reader page may differ.</summary>
    public async Task EverythingChangedAsync(CancellationToken cancellationToken)
    {
        await db.Articles.ExecuteUpdateAsync(update => update.SetProperty(a => a.CommentsVersion, a => a.CommentsVersion + 1), cancellationToken);
        await store.EvictByTagAsync(ReaderPageCache.AllTag, cancellationToken);
    }
}
