namespace MovieNews.Web.Features.Articles;

public static class PublishingRules
{
    /// <summary>
    /// Readers see published articles and scheduled ones whose time has come, so a scheduled
    /// article goes live by itself without a job flipping its status.
    /// </summary>
    public static IQueryable<Article> VisibleToReaders(this IQueryable<Article> articles, DateTime nowUtc) =>
        articles.Where(a => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
            && a.PublishedUtc != null && a.PublishedUtc <= nowUtc);
}
