using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Search;

/// <summary>
/// PostgreSQL full-text search over the articles' <c>SearchDocument</c> column (a stored generated tsvector with a
/// GIN index, see the ArticleSearch migration), ranked with ts_rank (titles weigh more), snippets by ts_headline.
/// </summary>
public sealed class PostgresSearchIndex(MovieNewsDbContext db, TimeProvider clock) : ISearchIndex
{
    /// <summary>Nothing to do: the database recomputes the document in the same statement that saves the article.</summary>
    public Task IndexAsync(Article article, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<SearchResults> SearchAsync(SearchQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Every term quoted (quotes inside doubled) and prefix-matched: 'purple':* & 'hearts':*
        var tsQuery = string.Join(" & ", query.Terms.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "':*"));
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var skip = (long)(page - 1) * pageSize;
        var options = $"StartSel={SearchSnippet.MarkStart}, StopSel={SearchSnippet.MarkEnd}, MaxWords=30, MinWords=12, ShortWord=0, MaxFragments=2, FragmentDelimiter=…";
        var rows = await db.Database.SqlQuery<Row>($"""
            WITH matches AS (
                SELECT a."Slug", a."Title", a."PublishedUtc", a."Excerpt", a."BodyMarkdown",
                       ts_rank(a."SearchDocument", q.query) AS "Rank", count(*) OVER () AS "Total"
                FROM "Articles" a, to_tsquery('movienews_search', {tsQuery}) AS q(query)
                WHERE a."SearchDocument" @@ q.query
                  AND a."DeletedUtc" IS NULL AND a."Status" IN ('Published', 'Scheduled')
                  AND a."PublishedUtc" IS NOT NULL AND a."PublishedUtc" <= {nowUtc}
                ORDER BY "Rank" DESC, a."PublishedUtc" DESC
                LIMIT {pageSize} OFFSET {skip}
            )
            SELECT m."Slug", m."Title", m."PublishedUtc", m."Total",
                   ts_headline('movienews_search', m."Excerpt" || ' ' || m."BodyMarkdown", to_tsquery('movienews_search', {tsQuery}), {options}) AS "Snippet"
            FROM matches m
            ORDER BY m."Rank" DESC, m."PublishedUtc" DESC
            """).ToListAsync(cancellationToken);

        var total = rows.Count > 0 ? (int)rows[0].Total : await CountAsync(tsQuery, nowUtc, cancellationToken);
        var hits = rows
            .Select(r => new SearchHit(r.Slug, r.Title, DateTime.SpecifyKind(r.PublishedUtc, DateTimeKind.Utc), SearchSnippet.Highlight(r.Snippet)))
            .ToList();
        return new SearchResults(query.Text, hits, page, total, pageSize);
    }

    public async Task<IReadOnlyList<SimilarArticle>> SimilarAsync(IReadOnlyList<string> terms, IReadOnlyCollection<int> excluded, int take, CancellationToken cancellationToken)
    {
        if (terms.Count == 0 || take <= 0)
        {
            return [];
        }

        var tsQuery = string.Join(" | ", terms.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'"));
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var skip = excluded.ToArray();
        return await db.Database.SqlQuery<SimilarArticle>($"""
            SELECT a."Id", a."Slug", a."Title", a."PublishedUtc"
            FROM "Articles" a, to_tsquery('movienews_search', {tsQuery}) AS q(query)
            WHERE a."SearchDocument" @@ q.query AND NOT (a."Id" = ANY({skip}))
              AND a."DeletedUtc" IS NULL AND a."Status" IN ('Published', 'Scheduled')
              AND a."PublishedUtc" IS NOT NULL AND a."PublishedUtc" <= {nowUtc}
            ORDER BY ts_rank(a."SearchDocument", q.query) DESC, a."PublishedUtc" DESC
            LIMIT {take}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>A page past the end has no rows to carry the total: count on its own.</summary>
    private async Task<int> CountAsync(string tsQuery, DateTime nowUtc, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value"
            FROM "Articles" a
            WHERE a."SearchDocument" @@ to_tsquery('movienews_search', {tsQuery})
              AND a."DeletedUtc" IS NULL AND a."Status" IN ('Published', 'Scheduled')
              AND a."PublishedUtc" IS NOT NULL AND a."PublishedUtc" <= {nowUtc}
            """).SingleAsync(cancellationToken);

    private sealed record Row(string Slug, string Title, DateTime PublishedUtc, long Total, string Snippet);
}
