using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Portability;

public sealed record WxrSummary(int Articles, int SkippedArticles, int Comments, int SkippedComments);

public sealed class WxrFormatException(int line, string problem) : Exception($"Line {line}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>
/// <c>import-wxr FILE</c>: a WordPress export (WXR) in — posts as Markdown articles, tags and categories as tags,
/// comments with threads, authors, dates and approval states. The whole file is read and checked first and
/// written in one transaction, so a malformed file leaves nothing behind; importing again adds nothing.
/// </summary>
public sealed class WxrImporter(MovieNewsDbContext db, MarkdownRenderer renderer, CommentWriter comments, ISearchIndex search)
{
    private static readonly XNamespace _wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace _content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace _excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private static readonly XNamespace _dc = "http://purl.org/dc/elements/1.1/";

    public async Task<WxrSummary> ImportAsync(Stream file, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var posts = await ReadAsync(file, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existingSlugs = (await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var existingKeys = (await db.Comments.Where(c => c.ImportKey != null && c.ImportKey.StartsWith("wxr:")).Select(c => c.ImportKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tags = new TagSet(await db.Tags.ToListAsync(cancellationToken));
        var summary = new WxrSummary(0, 0, 0, 0);
        var imported = new List<Article>();
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var article = await db.Articles.SingleOrDefaultAsync(a => a.Slug == post.Slug, cancellationToken);
            if (article is null)
            {
                article = NewArticle(post, tags);
                db.Articles.Add(article);
                await db.SaveChangesAsync(cancellationToken);
                imported.Add(article);
                summary = summary with { Articles = summary.Articles + 1 };
            }
            else
            {
                summary = summary with { SkippedArticles = summary.SkippedArticles + 1 };
            }

            var (added, skipped) = await ImportCommentsAsync(article.Id, post, existingKeys, cancellationToken);
            summary = summary with { Comments = summary.Comments + added, SkippedComments = summary.SkippedComments + skipped };
            progress?.Report((i + 1, posts.Count));
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var article in imported)
        {
            await search.IndexAsync(article, cancellationToken);
        }

        return summary;
    }

    /// <summary>The posts of a WXR file, read and checked without the database (the fuzz harness drives this alone).</summary>
    /// <exception cref="WxrFormatException">The file is not a well-formed WordPress export.</exception>
    internal static async Task<List<WxrPost>> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(file, LoadOptions.SetLineInfo, cancellationToken);
        }
        catch (XmlException e)
        {
            throw new WxrFormatException(e.LineNumber, e.Message);
        }

        var posts = document.Descendants("item")
            .Where(item => (string?)item.Element(_wp + "post_type") == "post")
            .Select(Parse)
            .ToList();
        if (document.Root?.Name.LocalName != "rss" || document.Root.Element("channel") is null)
        {
            throw new WxrFormatException(1, "this is not a WordPress export (no <rss><channel>).");
        }

        return posts;
    }

    private Article NewArticle(WxrPost post, TagSet tags)
    {
        var body = HtmlToMarkdown.Convert(post.ContentHtml);
        string plain, html, excerpt;
        try
        {
            (plain, html, excerpt) = (renderer.ToPlainText(body), renderer.RenderArticle(body).Value, renderer.Summarise(body, ArticleAuthoring.GeneratedExcerptLength));
        }
        catch (MarkdownTooDeepException e)
        {
            throw new WxrFormatException(post.Line, $"the post “{post.Title}”: {e.Message}");
        }

        return new Article
        {
            Slug = post.Slug,
            Title = post.Title,
            Excerpt = Truncate(post.ExcerptHtml.Length > 0 ? WebText(post.ExcerptHtml) : excerpt, 1000),
            BodyMarkdown = body,
            BodyHtml = html,
            ReadingMinutes = ReadingTime.Minutes(plain),
            AuthorName = post.Author,
            Status = post.Status,
            PublishedUtc = post.Status == ArticleStatus.Draft ? null : post.DateUtc,
            CreatedUtc = post.DateUtc,
            UpdatedUtc = post.DateUtc,
            CommentsOpen = post.CommentsOpen,
            Tags = tags.For(post.Terms),
        };
    }

    private async Task<(int Added, int Skipped)> ImportCommentsAsync(int articleId, WxrPost post, HashSet<string> existingKeys, CancellationToken cancellationToken)
    {
        var byWordPressId = new Dictionary<string, int>();
        var added = 0;
        var skipped = 0;
        foreach (var wxr in post.Comments.OrderBy(c => c.DateUtc).ThenBy(c => int.TryParse(c.Id, out var n) ? n : 0))
        {
            var key = $"wxr:{post.Slug}:{wxr.Id}";
            if (existingKeys.Contains(key))
            {
                byWordPressId[wxr.Id] = await db.Comments.Where(c => c.ImportKey == key).Select(c => c.Id).SingleAsync(cancellationToken);
                skipped++;
                continue;
            }

            var parent = wxr.ParentId is { } p && byWordPressId.TryGetValue(p, out var found) ? found : (int?)null;
            // WordPress accepted what these fields hold; what would not pass here is dropped, not the comment.
            var input = new CommentInput
            {
                Name = Truncate(WebText(wxr.Author) is { Length: > 0 } name ? name : "Anonymous", 100),
                Email = wxr.Email is { Length: > 0 and <= 254 } email ? email : null,
                Website = Moderation.CommentValidator.ParseWebsite(wxr.Url ?? string.Empty)?.AbsoluteUri,
                Body = HtmlToMarkdown.Convert(wxr.ContentHtml),
                ParentId = parent?.ToString(CultureInfo.InvariantCulture),
            };
            var imported = new ImportedComment(
                wxr.DateUtc,
                key,
                wxr.Ip is { Length: > 0 } ip ? "wxr-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ip)))[..24] : "wxr",
                wxr.Status,
                [$"Imported from WordPress (status '{wxr.RawStatus}')."]);
            var result = await comments.ImportAsync(articleId, input, CommentOrigin.Import, imported, cancellationToken);
            if (result is not PostCommentResult.Posted posted)
            {
                throw new WxrFormatException(wxr.Line, $"comment {wxr.Id} on “{post.Title}” cannot be imported: {result.Describe()}");
            }

            byWordPressId[wxr.Id] = posted.CommentId;
            existingKeys.Add(key);
            added++;
        }

        return (added, skipped);
    }

    private static WxrPost Parse(XElement item)
    {
        var line = ((IXmlLineInfo)item).LineNumber;
        string Required(XName name) => (string?)item.Element(name) is { Length: > 0 } value
            ? value
            : throw new WxrFormatException(line, $"a post has no <{name.LocalName}>.");
        var title = Required("title");
        var slug = (string?)item.Element(_wp + "post_name") is { Length: > 0 } name && Slug.IsValid(name) ? name : Slug.From(title);
        if (slug.Length == 0)
        {
            throw new WxrFormatException(line, $"the post “{title}” has no usable slug.");
        }

        var status = (string?)item.Element(_wp + "status") switch
        {
            "publish" => ArticleStatus.Published,
            "future" => ArticleStatus.Scheduled,
            _ => ArticleStatus.Draft,
        };
        var comments = item.Elements(_wp + "comment").Select(c =>
        {
            var commentLine = ((IXmlLineInfo)c).LineNumber;
            var raw = (string?)c.Element(_wp + "comment_approved") ?? "0";
            return new WxrComment(
                commentLine,
                (string?)c.Element(_wp + "comment_id") ?? throw new WxrFormatException(commentLine, "a comment has no <wp:comment_id>."),
                (string?)c.Element(_wp + "comment_parent") is { Length: > 0 } parent && parent != "0" ? parent : null,
                (string?)c.Element(_wp + "comment_author") ?? string.Empty,
                (string?)c.Element(_wp + "comment_author_email"),
                (string?)c.Element(_wp + "comment_author_url"),
                (string?)c.Element(_wp + "comment_author_IP"),
                Date(c.Element(_wp + "comment_date_gmt"), commentLine),
                (string?)c.Element(_wp + "comment_content") ?? string.Empty,
                raw switch { "1" => CommentStatus.Approved, "spam" => CommentStatus.Spam, "trash" => CommentStatus.Trash, _ => CommentStatus.Pending },
                raw);
        }).ToList();
        return new WxrPost(
            line,
            Truncate(title, 200),
            slug,
            (string?)item.Element(_dc + "creator") is { Length: > 0 } author ? Truncate(author, 100) : "WordPress",
            Date(item.Element(_wp + "post_date_gmt"), line),
            status,
            (string?)item.Element(_content + "encoded") ?? string.Empty,
            (string?)item.Element(_excerpt + "encoded") ?? string.Empty,
            (string?)item.Element(_wp + "comment_status") != "closed",
            [.. item.Elements("category").Select(c => c.Value.Trim()).Where(v => v.Length > 0)],
            comments);
    }

    private static DateTime Date(XElement? element, int line)
    {
        var raw = (string?)element;
        if (raw is null or "" or "0000-00-00 00:00:00")
        {
            return new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }

        return DateTime.TryParseExact(raw, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : throw new WxrFormatException(line, $"'{raw}' is not a date like 2022-08-12 09:00:00.");
    }

    private static string WebText(string html) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", string.Empty)).Trim();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    internal sealed record WxrComment(int Line, string Id, string? ParentId, string Author, string? Email, string? Url, string? Ip, DateTime DateUtc, string ContentHtml, CommentStatus Status, string RawStatus);

    internal sealed record WxrPost(int Line, string Title, string Slug, string Author, DateTime DateUtc, ArticleStatus Status, string ContentHtml, string ExcerptHtml, bool CommentsOpen, List<string> Terms, List<WxrComment> Comments);
}

/// <summary><c>import-wxr FILE</c> on the command line, with a progress bar and a summary.</summary>
public static class WxrImportCommand
{
    public const string Name = "import-wxr";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await output.WriteLineAsync("Usage: import-wxr FILE.xml (a WordPress export: Tools → Export → All content)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        await using var file = File.OpenRead(args[1]);
        var progress = new ProgressBar(output);
        try
        {
            var summary = await scope.ServiceProvider.GetRequiredService<WxrImporter>().ImportAsync(file, progress, CancellationToken.None);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Imported {summary.Articles} articles ({summary.SkippedArticles} already present) and {summary.Comments} comments ({summary.SkippedComments} already present).");
            return 0;
        }
        catch (Exception e) when (e is WxrFormatException or Data.StoredValueTooLongException)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{args[1]}: {e.Message} Nothing was imported.");
            return 1;
        }
    }

    /// <summary>Draws in step with the import (the framework's Progress posts to the thread pool, out of order).</summary>
    private sealed class ProgressBar(TextWriter output) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            const int width = 30;
            var filled = value.Total == 0 ? width : value.Done * width / value.Total;
            output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {value.Done}/{value.Total} posts");
        }
    }
}
