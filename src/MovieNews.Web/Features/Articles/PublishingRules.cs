using System.Linq.Expressions;

namespace MovieNews.Web.Features.Articles;

public static class PublishingRules
{
    /// <summary>
    /// Readers see published articles and scheduled ones whose time has come, so a scheduled
    /// article goes live by itself without a job flipping its status.
    /// </summary>
    public static Expression<Func<Article, bool>> IsVisibleToReadersAt(DateTime nowUtc) =>
        a => a.DeletedUtc == null
            && (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
            && a.PublishedUtc != null && a.PublishedUtc <= nowUtc;

    public static IQueryable<Article> VisibleToReaders(this IQueryable<Article> articles, DateTime nowUtc) =>
        articles.Where(IsVisibleToReadersAt(nowUtc));
}
