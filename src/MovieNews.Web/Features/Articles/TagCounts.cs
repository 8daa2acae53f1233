using Microsoft.EntityFrameworkCore;

namespace MovieNews.Web.Features.Articles;

/// <summary>
/// How many articles readers can see under each tag, kept on the tag (as WordPress keeps a term's count), so the
/// tag pages and the tag index never count through the article–tag join on a request. Recounted in one statement
/// whenever articles or their tags change (<c>ReaderCacheInvalidation</c>, in the same transaction), when a
/// scheduled article goes live, at start-up and after the archive generator writes around EF.
/// </summary>
public static class TagCounts
{
    public static Task RecountAsync(DbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var visible = db.Set<Article>().VisibleToReaders(nowUtc);
        return db.Set<Tag>().ExecuteUpdateAsync(
            update => update.SetProperty(t => t.ArticleCount, t => visible.Count(a => a.Tags.Any(x => x.Id == t.Id))), cancellationToken);
    }
}
