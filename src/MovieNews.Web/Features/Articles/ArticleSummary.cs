using Microsoft.EntityFrameworkCore;

namespace MovieNews.Web.Features.Articles;

public sealed record TagLink(string Slug, string Name);

public sealed record ArticleSummary(
    string Slug,
    string Title,
    string Excerpt,
    string AuthorName,
    DateTime PublishedUtc,
    int ReadingMinutes,
    IReadOnlyList<TagLink> Tags,
    int? FeaturedMediaId = null,
    int CommentCount = 0,
    bool CustomByline = true,
    IReadOnlyList<Authors.AuthorLink>? Authors = null)
{
    public Authors.Byline Byline => new(AuthorName, CustomByline, Authors ?? []);

    /// <summary>Filled by <see cref="ArticleSummaryQueries.WithPicturesAsync"/> after the page is read.</summary>
    public Media.PictureView? Picture { get; init; }
}

public static class ArticleSummaryQueries
{
    /// <remarks>
    /// Split query: the tags come in a second query keyed by this page's articles. A single query would join
    /// the page against every article-tag pair in the archive, which SQLite materialises first.
    /// </remarks>
    public static IQueryable<ArticleSummary> NewestFirstSummaries(this IQueryable<Article> articles) =>
        articles
            .AsSplitQuery()
            .OrderByDescending(a => a.PublishedUtc)
            .ThenByDescending(a => a.Id)
            .Select(a => new ArticleSummary(
                a.Slug,
                a.Title,
                a.Excerpt,
                a.AuthorName,
                a.PublishedUtc!.Value,
                a.ReadingMinutes,
                a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList(),
                a.FeaturedMediaId,
                a.CommentCount,
                a.CustomByline,
                a.Authors.OrderBy(au => au.Position).Select(au => new Authors.AuthorLink(au.User!.AuthorSlug!, au.User.DisplayName)).ToList()));

    /// <summary>The featured pictures of a page of summaries, in one more query.</summary>
    public static async Task<Infrastructure.PagedList<ArticleSummary>> WithPicturesAsync(
        this Infrastructure.PagedList<ArticleSummary> page, Data.MovieNewsDbContext db, CancellationToken cancellationToken)
    {
        var pictures = await Media.PictureView.LoadAsync(db, page.Items.Select(a => a.FeaturedMediaId), cancellationToken);
        return page with
        {
            Items = [.. page.Items.Select(a => a.FeaturedMediaId is { } id && pictures.TryGetValue(id, out var picture) ? a with { Picture = picture } : a)],
        };
    }
}
