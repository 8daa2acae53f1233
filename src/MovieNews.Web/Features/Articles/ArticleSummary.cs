namespace MovieNews.Web.Features.Articles;

public sealed record TagLink(string Slug, string Name);

public sealed record ArticleSummary(
    string Slug,
    string Title,
    string Excerpt,
    string AuthorName,
    DateTime PublishedUtc,
    int ReadingMinutes,
    IReadOnlyList<TagLink> Tags);

public static class ArticleSummaryQueries
{
    public static IQueryable<ArticleSummary> NewestFirstSummaries(this IQueryable<Article> articles) =>
        articles
            .OrderByDescending(a => a.PublishedUtc)
            .ThenByDescending(a => a.Id)
            .Select(a => new ArticleSummary(
                a.Slug,
                a.Title,
                a.Excerpt,
                a.AuthorName,
                a.PublishedUtc!.Value,
                a.ReadingMinutes,
                a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList()));
}
