using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Portability;

public sealed record WxrSummary(int Articles, int SkippedArticles, int Comments, int SkippedComments)
{
    /// <summary>Attachments added to the media library (with <c>--uploads</c>).</summary>
    public int Pictures { get; init; }

    /// <summary>Attachments already in the library from an earlier import of the same files.</summary>
    public int SkippedPictures { get; init; }

    /// <summary>One line per attachment that could not be imported, starting with its file name.</summary>
    public IReadOnlyList<string> PictureProblems { get; init; } = [];
}

public sealed class WxrFormatException(int line, string problem) : Exception($"Line {line}: {problem}")
{
    public int Line { get; } = line;
}

/// <summary>
/// <c>import-wxr FILE</c>: a WordPress export (WXR) in — posts as Markdown articles, tags and categories as tags,
/// comments with threads, authors, dates and approval states. The whole file is read and checked first and
/// written in one transaction, so a malformed file leaves nothing behind; importing again adds nothing.
/// With a copy of <c>wp-content/uploads</c>, attachments go into the media library first (each on its own, as an
/// editor's upload would), then posts get their featured pictures and their image addresses point at the library.
/// </summary>
public sealed class WxrImporter(MovieNewsDbContext db, MarkdownRenderer renderer, CommentWriter comments, ISearchIndex search, MediaLibrary library, IOptions<MediaOptions> mediaOptions)
{
    private static readonly XNamespace _wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace _content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace _excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private static readonly XNamespace _dc = "http://purl.org/dc/elements/1.1/";

    public Task<WxrSummary> ImportAsync(Stream file, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken) =>
        ImportAsync(file, null, progress, null, cancellationToken);

    /// <param name="uploads">A copy of the site's <c>wp-content/uploads</c>, or null to leave attachments out.</param>
    public async Task<WxrSummary> ImportAsync(Stream file, UploadsFolder? uploads, IProgress<(int Done, int Total)>? progress, IProgress<(int Done, int Total)>? pictureProgress, CancellationToken cancellationToken)
    {
        var export = await ReadExportAsync(file, cancellationToken);
        var posts = export.Posts;

        // Before the transaction: the pictures are processed one at a time for seconds each, and a database store
        // writes its files on a connection of its own, which SQLite would keep waiting behind an open transaction.
        var (pictures, pictureSummary) = uploads is null
            ? (ImportedPictures.None, new WxrSummary(0, 0, 0, 0))
            : await ImportPicturesAsync(export.Attachments, uploads, pictureProgress, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existingSlugs = (await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var existingKeys = (await db.Comments.Where(c => c.ImportKey != null && c.ImportKey.StartsWith("wxr:")).Select(c => c.ImportKey!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tags = new TagSet(await db.Tags.ToListAsync(cancellationToken));
        var summary = pictureSummary;
        var imported = new List<Article>();
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            var article = await db.Articles.SingleOrDefaultAsync(a => a.Slug == post.Slug, cancellationToken);
            if (article is null)
            {
                article = NewArticle(post, tags, pictures);
                article.BodyMedia = await PicturesInAsync(article.BodyMarkdown, cancellationToken);
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

    /// <summary>The posts of a WXR file, read and checked without the database.</summary>
    /// <exception cref="WxrFormatException">The file is not a well-formed WordPress export.</exception>
    internal static async Task<List<WxrPost>> ReadAsync(Stream file, CancellationToken cancellationToken) =>
        (await ReadExportAsync(file, cancellationToken)).Posts;

    /// <summary>The posts and attachments of a WXR file, read and checked without the database (the fuzz harness drives this alone).</summary>
    /// <exception cref="WxrFormatException">The file is not a well-formed WordPress export.</exception>
    internal static async Task<WxrExport> ReadExportAsync(Stream file, CancellationToken cancellationToken)
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
        var attachments = document.Descendants("item")
            .Where(item => (string?)item.Element(_wp + "post_type") == "attachment")
            .Select(ParseAttachment)
            .ToList();
        if (document.Root?.Name.LocalName != "rss" || document.Root.Element("channel") is null)
        {
            throw new WxrFormatException(1, "this is not a WordPress export (no <rss><channel>).");
        }

        return new WxrExport(posts, attachments);
    }

    /// <summary>
    /// Each attachment's file, found under <paramref name="uploads"/>, through the library as an upload. A file that
    /// is missing, outside the folder or refused is named in the summary and the rest still import; a file imported
    /// before (same name, same bytes) is found by its import key and not added again.
    /// </summary>
    private async Task<(ImportedPictures, WxrSummary)> ImportPicturesAsync(List<WxrAttachment> attachments, UploadsFolder uploads, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var pictures = new ImportedPictures();
        var problems = new List<string>();
        var (added, present) = (0, 0);
        var maxBytes = mediaOptions.Value.MaxUploadBytes;
        for (var i = 0; i < attachments.Count; i++)
        {
            progress?.Report((i + 1, attachments.Count));
            var attachment = attachments[i];
            if (attachment.File is not { } name)
            {
                problems.Add($"attachment {attachment.Id} “{attachment.Title}”: names no file (no _wp_attached_file, no wp:attachment_url under /wp-content/uploads/).");
                continue;
            }

            if (pictures.ForFile(name) is { } same)
            {
                pictures.Add(attachment.Id, name, same);
                continue;
            }

            string path;
            byte[] content;
            try
            {
                if (!uploads.TryResolve(name, out path))
                {
                    problems.Add($"{name}: outside the uploads folder, not read.");
                    continue;
                }

                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    problems.Add($"{name}: not found in {uploads.Root}.");
                    continue;
                }

                if (info.Length > maxBytes)
                {
                    problems.Add($"{name}: larger than the library takes ({maxBytes / (1024 * 1024)} MB).");
                    continue;
                }

                content = await File.ReadAllBytesAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{name}: cannot be read ({e.Message}).");
                continue;
            }

            var key = ImportKey(name, content);
            var item = await db.MediaItems.Include(m => m.Variants).SingleOrDefaultAsync(m => m.ImportKey == key, cancellationToken);
            if (item is not null)
            {
                present++;
            }
            else
            {
                var alt = Truncate(TextNormalizer.SingleLine(attachment.Alt) is { Length: > 0 } described ? described
                    : TextNormalizer.SingleLine(attachment.Title) is { Length: > 0 } title ? title
                    : TextNormalizer.SingleLine(Path.GetFileNameWithoutExtension(name)), MediaItem.AltTextMaxLength);
                var caption = Truncate(TextNormalizer.SingleLine(attachment.Caption), MediaItem.CaptionMaxLength);
                var result = await library.UploadAsync(Path.GetFileName(path), content, new MediaDescription(alt, caption, null), attachment.Author, cancellationToken);
                if (result is not UploadResult.Uploaded uploaded)
                {
                    var errors = result is UploadResult.Refused refused ? string.Join(" ", refused.Errors.Values) : "refused.";
                    problems.Add($"{name}: {errors}");
                    continue;
                }

                item = uploaded.Item;
                item.ImportKey = key;
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }

            pictures.Add(attachment.Id, name, item);
        }

        return (pictures, new WxrSummary(0, 0, 0, 0) { Pictures = added, SkippedPictures = present, PictureProblems = problems });
    }

    /// <summary>The same file with the same bytes: a re-import finds it, a different picture under an old name does not.</summary>
    private static string ImportKey(string file, byte[] content)
    {
        var key = $"wxr:{Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16))}:{file}";
        return Truncate(key, MediaItem.ImportKeyMaxLength);
    }

    /// <summary>The library pictures the Markdown shows, by the addresses of their files (as the editor's save counts them).</summary>
    private async Task<List<MediaItem>> PicturesInAsync(string markdown, CancellationToken cancellationToken)
    {
        var keys = MediaAddresses.KeysIn(markdown);
        return keys.Count == 0
            ? []
            : await db.MediaItems.Where(m => m.Variants.Any(v => keys.Contains(v.Key))).ToListAsync(cancellationToken);
    }

    private Article NewArticle(WxrPost post, TagSet tags, ImportedPictures pictures)
    {
        var body = pictures.Rewrite(HtmlToMarkdown.Convert(post.ContentHtml));
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
            PublishedUtc = post.Status is ArticleStatus.Draft or ArticleStatus.InReview ? null : post.DateUtc,
            CreatedUtc = post.DateUtc,
            UpdatedUtc = post.DateUtc,
            CommentsOpen = post.CommentsOpen,
            Tags = tags.For(post.Terms),
            FeaturedMediaId = pictures.ForAttachment(post.ThumbnailId)?.Id,
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
            "pending" => ArticleStatus.InReview,
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
            (string?)item.Element(_wp + "post_id"),
            Meta(item, "_thumbnail_id"),
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

    private static WxrAttachment ParseAttachment(XElement item) => new(
        ((IXmlLineInfo)item).LineNumber,
        (string?)item.Element(_wp + "post_id") ?? string.Empty,
        UploadsFolder.RelativePathOf(Meta(item, "_wp_attached_file"), (string?)item.Element(_wp + "attachment_url")),
        WebText((string?)item.Element("title") ?? string.Empty),
        Meta(item, "_wp_attachment_image_alt"),
        WebText((string?)item.Element(_excerpt + "encoded") ?? string.Empty),
        (string?)item.Element(_dc + "creator") is { Length: > 0 } author ? Truncate(author, 100) : "WordPress import");

    /// <summary>A post's custom field (<c>wp:postmeta</c>) by its key.</summary>
    private static string? Meta(XElement item, string key) =>
        item.Elements(_wp + "postmeta").FirstOrDefault(m => (string?)m.Element(_wp + "meta_key") == key)?.Element(_wp + "meta_value") is { } value
            && value.Value.Trim() is { Length: > 0 } text
            ? text
            : null;

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

    internal sealed record WxrExport(List<WxrPost> Posts, List<WxrAttachment> Attachments);

    /// <summary>An attachment: its file relative to <c>wp-content/uploads</c> (not yet checked), and its words.</summary>
    internal sealed record WxrAttachment(int Line, string Id, string? File, string Title, string? Alt, string Caption, string Author);

    internal sealed record WxrPost(int Line, string? Id, string? ThumbnailId, string Title, string Slug, string Author, DateTime DateUtc, ArticleStatus Status, string ContentHtml, string ExcerptHtml, bool CommentsOpen, List<string> Terms, List<WxrComment> Comments);
}

/// <summary><c>import-wxr FILE [--uploads DIR]</c> on the command line, with progress bars and a summary.</summary>
public static class WxrImportCommand
{
    public const string Name = "import-wxr";
    public const string UploadsOption = "--uploads";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var rest = args.Skip(1).ToList();
        var uploadsAt = rest.IndexOf(UploadsOption);
        string? uploadsDirectory = null;
        if (uploadsAt >= 0)
        {
            uploadsDirectory = rest.ElementAtOrDefault(uploadsAt + 1);
            rest.RemoveRange(uploadsAt, Math.Min(2, rest.Count - uploadsAt));
        }

        var path = rest.FirstOrDefault();
        if (path is null || !File.Exists(path) || (uploadsAt >= 0 && !Directory.Exists(uploadsDirectory)))
        {
            await output.WriteLineAsync("Usage: import-wxr FILE.xml [--uploads DIR] (a WordPress export: Tools → Export → All content; DIR: a copy of its wp-content/uploads folder, for the attachments)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        await using var file = File.OpenRead(path);
        var uploads = uploadsDirectory is null ? null : new UploadsFolder(uploadsDirectory);
        var pictureProgress = new ProgressBar(output, "pictures");
        try
        {
            var summary = await scope.ServiceProvider.GetRequiredService<WxrImporter>().ImportAsync(
                file, uploads, new ProgressBar(output, "posts", after: pictureProgress), pictureProgress, CancellationToken.None);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Imported {summary.Articles} articles ({summary.SkippedArticles} already present) and {summary.Comments} comments ({summary.SkippedComments} already present).");
            if (uploads is not null)
            {
                await output.WriteLineAsync($"Imported {summary.Pictures} pictures ({summary.SkippedPictures} already present) from {uploads.Root}.");
                if (summary.PictureProblems.Count > 0)
                {
                    await output.WriteLineAsync($"{summary.PictureProblems.Count} attachments were not imported (their posts keep the old addresses):");
                    foreach (var problem in summary.PictureProblems)
                    {
                        await output.WriteLineAsync("  " + problem);
                    }
                }
            }

            return 0;
        }
        catch (Exception e) when (e is WxrFormatException or Data.StoredValueTooLongException)
        {
            await output.WriteLineAsync();
            // Pictures are added before the posts' transaction: any added stay in the library, and the next import finds them.
            await output.WriteLineAsync(uploads is null
                ? $"{path}: {e.Message} Nothing was imported."
                : $"{path}: {e.Message} No posts or comments were imported (pictures already added stay in the library; importing again reuses them).");
            return 1;
        }
    }

    /// <summary>Draws in step with the import (the framework's Progress posts to the thread pool, out of order).</summary>
    private sealed class ProgressBar(TextWriter output, string things, ProgressBar? after = null) : IProgress<(int Done, int Total)>
    {
        private bool _started;

        public void Report((int Done, int Total) value)
        {
            if (!_started && after is { _started: true })
            {
                // The bar before this one stays on its own line.
                output.WriteLine();
            }

            _started = true;
            const int width = 30;
            var filled = value.Total == 0 ? width : value.Done * width / value.Total;
            output.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {value.Done}/{value.Total} {things}");
        }
    }
}
