using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Search;

public sealed record SearchHit(string Slug, string Title, DateTime PublishedUtc, string SnippetHtml);

public sealed record SearchResults(string Query, IReadOnlyList<SearchHit> Hits, int Page, int TotalCount, int PageSize);

/// <summary>An article like another, found by the words they share.</summary>
public sealed record SimilarArticle(int Id, string Slug, string Title, DateTime PublishedUtc);

/// <summary>Full-text search over article titles and bodies; one implementation per database engine.</summary>
public interface ISearchIndex
{
    Task IndexAsync(Article article, CancellationToken cancellationToken);
    Task<SearchResults> SearchAsync(SearchQuery query, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Visible articles matching any of the terms (not all, as a search does), best first, leaving out <paramref name="excluded"/>.</summary>
    Task<IReadOnlyList<SimilarArticle>> SimilarAsync(IReadOnlyList<string> terms, IReadOnlyCollection<int> excluded, int take, CancellationToken cancellationToken);
}

/// <summary>A reader's words, reduced to plain terms: FTS syntax characters can never reach the engine.</summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    private const int MaxTerms = 12;

    private SearchQuery(string text, IReadOnlyList<string> terms) => (Text, Terms) = (text, terms);

    public string Text { get; }
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Null with a reason when the query cannot be searched for (empty, or too long).</summary>
    public static SearchQuery? Parse(string? raw, out string? problem)
    {
        var text = (raw ?? string.Empty).Trim();
        if (text.Length > MaxLength)
        {
            problem = SiteText.Format("Search for at most {0} characters.", MaxLength);
            return null;
        }

        var terms = new List<string>();
        var current = new StringBuilder();
        // U+FFFE is valid UTF-8, so a query string can carry it, but .NET's Normalize throws on it.
        foreach (var c in text.Replace('\uFFFE', '\uFFFD').Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                terms.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            terms.Add(current.ToString());
        }

        if (terms.Count == 0)
        {
            problem = "Type one or more words to search for.";
            return null;
        }

        problem = null;
        return new SearchQuery(text, terms.Distinct().Take(MaxTerms).ToList());
    }
}

/// <summary>SQLite FTS5: a contentless-style table keyed by the article id, ranked with bm25 (titles weigh more).</summary>
public sealed partial class SqliteSearchIndex(MovieNewsDbContext db, TimeProvider clock) : ISearchIndex
{
    public async Task IndexAsync(Article article, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM ArticleSearch WHERE rowid = {article.Id};", cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO ArticleSearch (rowid, Title, Body) VALUES ({article.Id}, {article.Title}, {article.Excerpt + "\n" + article.BodyMarkdown});",
            cancellationToken);
    }

    public async Task<SearchResults> SearchAsync(SearchQuery query, int page, int pageSize, CancellationToken cancellationToken)
    {
        // Every term quoted (quotes inside doubled) and prefix-matched: "purple"* "hearts"*
        var match = string.Join(' ', query.Terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));
        var nowUtc = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        const string visible = """
            a.DeletedUtc IS NULL AND a.Status IN ('Published', 'Scheduled') AND a.PublishedUtc IS NOT NULL AND a.PublishedUtc <= $now
            """;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM ArticleSearch s JOIN Articles a ON a.Id = s.rowid WHERE ArticleSearch MATCH $match AND {visible};";
        count.Parameters.AddWithValue("$match", match);
        count.Parameters.AddWithValue("$now", nowUtc);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var search = connection.CreateCommand();
        search.CommandText = $"""
            SELECT a.Slug, a.Title, a.PublishedUtc, snippet(ArticleSearch, 1, char(1), char(2), '…', 24)
            FROM ArticleSearch s JOIN Articles a ON a.Id = s.rowid
            WHERE ArticleSearch MATCH $match AND {visible}
            ORDER BY bm25(ArticleSearch, 10.0, 1.0), a.PublishedUtc DESC
            LIMIT $take OFFSET $skip;
            """;
        search.Parameters.AddWithValue("$match", match);
        search.Parameters.AddWithValue("$now", nowUtc);
        search.Parameters.AddWithValue("$take", pageSize);
        search.Parameters.AddWithValue("$skip", (long)(page - 1) * pageSize);
        var hits = new List<SearchHit>();
        await using var reader = await search.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SearchHit(
                reader.GetString(0),
                reader.GetString(1),
                DateTime.SpecifyKind(DateTime.Parse(reader.GetString(2), CultureInfo.InvariantCulture), DateTimeKind.Utc),
                SearchSnippet.Highlight(reader.GetString(3))));
        }

        return new SearchResults(query.Text, hits, page, total, pageSize);
    }
}

public sealed partial class SqliteSearchIndex
{
    public async Task<IReadOnlyList<SimilarArticle>> SimilarAsync(IReadOnlyList<string> terms, IReadOnlyCollection<int> excluded, int take, CancellationToken cancellationToken)
    {
        if (terms.Count == 0 || take <= 0)
        {
            return [];
        }

        var match = string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        // The excluded ids are integers from the caller, written into the statement as numbers.
        var notIn = excluded.Count == 0 ? string.Empty : $"AND a.Id NOT IN ({string.Join(',', excluded.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        command.CommandText = $"""
            SELECT a.Id, a.Slug, a.Title, a.PublishedUtc
            FROM ArticleSearch s JOIN Articles a ON a.Id = s.rowid
            WHERE ArticleSearch MATCH $match {notIn}
              AND a.DeletedUtc IS NULL AND a.Status IN ('Published', 'Scheduled') AND a.PublishedUtc IS NOT NULL AND a.PublishedUtc <= $now
            ORDER BY bm25(ArticleSearch, 10.0, 1.0), a.PublishedUtc DESC
            LIMIT $take;
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$take", take);
        var similar = new List<SimilarArticle>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            similar.Add(new SimilarArticle(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                DateTime.SpecifyKind(DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture), DateTimeKind.Utc)));
        }

        return similar;
    }
}

/// <summary>Snippets come back from either engine with control characters around the matches.</summary>
internal static class SearchSnippet
{
    public const char MarkStart = '\u0001';
    public const char MarkEnd = '\u0002';

    /// <summary>Encodes the snippet first, then turns the engine's markers into &lt;mark&gt;: article text never becomes markup.</summary>
    public static string Highlight(string snippet) =>
        WebUtility.HtmlEncode(snippet.Replace("\n", " ", StringComparison.Ordinal))
            .Replace(MarkStart.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);
}
