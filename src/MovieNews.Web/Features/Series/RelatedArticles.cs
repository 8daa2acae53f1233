using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Series;

public sealed record RelatedArticle(string Slug, string Title, DateTime PublishedUtc);

/// <summary>
/// "Related articles" under an article: those sharing the most of its tags (newest first among equals), then, when
/// that leaves room, those the full-text index finds for the words of its title.
/// </summary>
public sealed class RelatedArticles(MovieNewsDbContext db, ISearchIndex search, TimeProvider clock)
{
    public const int Count = 3;

    private static readonly HashSet<string> _commonWords = new(StringComparer.Ordinal)
    {
        "about", "after", "also", "been", "before", "could", "does", "from", "have", "here", "into", "know", "more", "most",
        "next", "only", "over", "than", "that", "their", "them", "then", "there", "they", "this", "what", "when", "where",
        "which", "will", "with", "would", "your",
    };

    public async Task<IReadOnlyList<RelatedArticle>> ForAsync(int articleId, string title, IReadOnlyCollection<string> tagSlugs, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var related = tagSlugs.Count == 0
            ? []
            : await db.Articles.AsNoTracking().VisibleToReaders(nowUtc)
                .Where(a => a.Id != articleId && a.Tags.Any(t => tagSlugs.Contains(t.Slug)))
                .OrderByDescending(a => a.Tags.Count(t => tagSlugs.Contains(t.Slug))).ThenByDescending(a => a.PublishedUtc).ThenByDescending(a => a.Id)
                .Take(Count)
                .Select(a => new SimilarArticle(a.Id, a.Slug, a.Title, a.PublishedUtc!.Value))
                .ToListAsync(cancellationToken);
        if (related.Count < Count)
        {
            var excluded = related.Select(a => a.Id).Append(articleId).ToList();
            related.AddRange(await search.SimilarAsync(TitleTerms(title), excluded, Count - related.Count, cancellationToken));
        }

        return [.. related.Select(a => new RelatedArticle(a.Slug, a.Title, a.PublishedUtc))];
    }

    /// <summary>The title's telling words: four letters or more, not the commonest ones, at most six.</summary>
    public static IReadOnlyList<string> TitleTerms(string title) =>
        SearchQuery.Parse(title, out _) is { } query
            ? [.. query.Terms.Where(t => t.Length >= 4 && !_commonWords.Contains(t)).Take(6)]
            : [];
}
