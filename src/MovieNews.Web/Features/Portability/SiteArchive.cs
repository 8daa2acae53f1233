using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Portability;

public sealed record ArchivedRevision(int Version, string Title, string Excerpt, string BodyMarkdown, string SavedBy, DateTime SavedUtc);

/// <summary>One reader's like: the keyed hash of their address (never the address) and when.</summary>
public sealed record ArchivedLike(string ClientHash, DateTime CreatedUtc);

/// <param name="EditedUtc">When the author last edited it (format 2 files written since comment editing; absent before).</param>
/// <param name="PickedUtc">When an editor made it a pick.</param>
/// <param name="Likes">Its likes, so the counts, the "best" order and "once per client" survive the move.</param>
public sealed record ArchivedComment(
    int Key, int? ParentKey, string AuthorName, string? AuthorEmail, string? AuthorWebsite, string BodyMarkdown,
    CommentStatus Status, List<string> ModerationReasons, string ClientHash, DateTime CreatedUtc, bool IsStaffReply,
    DateTime? EditedUtc = null, DateTime? PickedUtc = null, List<ArchivedLike>? Likes = null);

/// <param name="FeaturedMedia">The <see cref="ArchivedMedia.Key"/> of the featured picture (format 2 on).</param>
/// <param name="BodyMedia">The keys of the library pictures the body shows (format 2 on).</param>
public sealed record ArchivedArticle(
    string Slug, string Title, string Excerpt, string BodyMarkdown, string AuthorName, ArticleStatus Status,
    DateTime? PublishedUtc, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? DeletedUtc, bool CommentsOpen,
    List<string> Tags, List<ArchivedRevision> Revisions, List<ArchivedComment> Comments,
    int? FeaturedMedia = null, List<int>? BodyMedia = null);

/// <summary>One stored file of a picture; <paramref name="Content"/> (base64 in JSON) is null when the site had lost the file.</summary>
public sealed record ArchivedVariant(string Key, VariantPurpose Purpose, int Width, int Height, byte[]? Content);

/// <summary>A library picture; <paramref name="Key"/> only links it to the articles in the same file.</summary>
public sealed record ArchivedMedia(
    int Key, string FileName, string AltText, string? Caption, string? Credit, int Width, int Height,
    ImageFormat SourceFormat, long SourceBytes, double FocalX, double FocalY, DateTime CreatedUtc, string? UploadedBy,
    List<ArchivedVariant> Variants);

/// <param name="Media">The media library (format 2 on); a format 1 file has none.</param>
public sealed record SiteExport(int FormatVersion, DateTime ExportedUtc, List<ArchivedArticle> Articles, List<ArchivedMedia>? Media = null);

/// <summary>
/// Everything a site is — articles, tags, comments with their threads and verdicts, revisions — as one JSON
/// document, and back. Importing skips articles whose slug exists, so it can be repeated safely.
/// Format 2 adds the media library (every picture with its files, base64) and each article's pictures;
/// format 1 files (no media) still import.
/// </summary>
public sealed class SiteArchive(MovieNewsDbContext db, MarkdownRenderer renderer, CommentWriter comments, ISearchIndex search, IMediaStore media, TimeProvider clock)
{
    public const int FormatVersion = 2;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<SiteExport> ExportAsync(CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking().AsSplitQuery().Include(a => a.Tags).Include(a => a.BodyMedia).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var revisions = (await db.ArticleRevisions.AsNoTracking().OrderBy(r => r.Version).ToListAsync(cancellationToken)).ToLookup(r => r.ArticleId);
        var comments = (await db.Comments.AsNoTracking().OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).ToListAsync(cancellationToken)).ToLookup(c => c.ArticleId);
        var likes = (await db.CommentLikes.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken)).ToLookup(l => l.CommentId);
        var library = await ExportMediaAsync(cancellationToken);
        return new SiteExport(FormatVersion, clock.GetUtcNow().UtcDateTime, articles.Select(a => new ArchivedArticle(
            a.Slug, a.Title, a.Excerpt, a.BodyMarkdown, a.AuthorName, a.Status, a.PublishedUtc, a.CreatedUtc, a.UpdatedUtc, a.DeletedUtc,
            a.CommentsOpen, [.. a.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)],
            [.. revisions[a.Id].Select(r => new ArchivedRevision(r.Version, r.Title, r.Excerpt, r.BodyMarkdown, r.SavedBy, r.SavedUtc))],
            [.. comments[a.Id].Select(c => new ArchivedComment(c.Id, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.BodyMarkdown,
                c.Status, c.ModerationReasons, c.ClientHash, c.CreatedUtc, c.IsStaffReply, c.EditedUtc, c.PickedUtc,
                likes[c.Id].Any() ? [.. likes[c.Id].Select(l => new ArchivedLike(l.ClientHash, l.CreatedUtc))] : null))],
            a.FeaturedMediaId, [.. a.BodyMedia.Select(m => m.Id).Order()])).ToList(), library);
    }

    /// <summary>Every picture with the bytes of its files, read from whichever store the site uses.</summary>
    private async Task<List<ArchivedMedia>> ExportMediaAsync(CancellationToken cancellationToken)
    {
        var items = await db.MediaItems.AsNoTracking().Include(m => m.Variants).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var archived = new List<ArchivedMedia>(items.Count);
        foreach (var m in items)
        {
            var variants = new List<ArchivedVariant>(m.Variants.Count);
            foreach (var v in m.Variants.OrderBy(v => v.Id))
            {
                variants.Add(new ArchivedVariant(v.Key, v.Purpose, v.Width, v.Height, await media.ReadAsync(v.Key, cancellationToken)));
            }

            archived.Add(new ArchivedMedia(m.Id, m.FileName, m.AltText, m.Caption, m.Credit, m.Width, m.Height, m.SourceFormat, m.SourceBytes,
                m.FocalX, m.FocalY, m.CreatedUtc, m.UploadedBy, variants));
        }

        return archived;
    }

    /// <returns>How many articles were imported (existing slugs are skipped).</returns>
    public async Task<int> ImportAsync(SiteExport export, CancellationToken cancellationToken)
    {
        if (export.FormatVersion is < 1 or > FormatVersion)
        {
            throw new InvalidDataException($"This file has format version {export.FormatVersion}; this MovieNews reads versions 1 to {FormatVersion}.");
        }

        // Files first, outside the transaction (the database store writes them on a connection of its own):
        // a failed import leaves only unused files, as a failed upload does.
        var library = export.Media ?? [];
        await SaveMediaFilesAsync(library, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pictures = await ImportMediaAsync(library, cancellationToken);
        var existing = (await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tags = new TagSet(await db.Tags.ToListAsync(cancellationToken));
        var imported = new List<Article>();
        foreach (var archived in export.Articles.Where(a => Slug.IsValid(a.Slug) && !existing.Contains(a.Slug)))
        {
            var bodyMedia = await BodyMediaAsync(archived, pictures, cancellationToken);
            var article = new Article
            {
                Slug = archived.Slug,
                Title = archived.Title,
                Excerpt = archived.Excerpt,
                BodyMarkdown = archived.BodyMarkdown,
                BodyHtml = Rendered(archived, () => renderer.RenderArticle(archived.BodyMarkdown, ArticleAuthoring.ByVariantKey(bodyMedia)).Value),
                ReadingMinutes = ReadingTime.Minutes(Rendered(archived, () => renderer.ToPlainText(archived.BodyMarkdown))),
                AuthorName = archived.AuthorName,
                Status = archived.Status,
                PublishedUtc = archived.PublishedUtc,
                CreatedUtc = archived.CreatedUtc,
                UpdatedUtc = archived.UpdatedUtc,
                DeletedUtc = archived.DeletedUtc,
                CommentsOpen = archived.CommentsOpen,
                Version = Math.Max(1, archived.Revisions.Count),
                Tags = tags.For(archived.Tags),
                FeaturedMediaId = archived.FeaturedMedia is { } featured
                    ? pictures.TryGetValue(featured, out var picture) ? picture.Id : throw new InvalidDataException($"Article '{archived.Slug}': its featured picture {featured} is not in the file.")
                    : null,
                BodyMedia = bodyMedia,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync(cancellationToken);
            db.ArticleRevisions.AddRange(archived.Revisions.Select(r => new ArticleRevision
            {
                ArticleId = article.Id,
                Version = r.Version,
                Title = r.Title,
                Excerpt = r.Excerpt,
                BodyMarkdown = r.BodyMarkdown,
                SavedBy = r.SavedBy,
                SavedUtc = r.SavedUtc,
            }));
            await ImportCommentsAsync(archived, article.Id, cancellationToken);
            imported.Add(article);
        }

        // The last article's revisions are saved by nothing else when it has no comments.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var article in imported)
        {
            await search.IndexAsync(article, cancellationToken);
        }

        return imported.Count;
    }

    private async Task SaveMediaFilesAsync(List<ArchivedMedia> library, CancellationToken cancellationToken)
    {
        foreach (var variant in library.SelectMany(m => m.Variants))
        {
            if (!MediaAddresses.IsKey(variant.Key))
            {
                throw new InvalidDataException($"\"{variant.Key}\" is not a media file name this site writes.");
            }

            if (variant.Content is not { } content)
            {
                continue;
            }

            // The key is the hash of the bytes and the address says what they are: a file that is not what its
            // key says would be served under an address that promises something else.
            var extension = variant.Key[(variant.Key.LastIndexOf('.') + 1)..];
            var format = ImageFormats.Detect(content);
            if (MediaAddresses.KeyFor(content, extension) != variant.Key
                || format != (extension == "webp" ? ImageFormat.WebP : ImageFormat.Jpeg))
            {
                throw new InvalidDataException($"Media file {variant.Key}: its content is not the file its name promises.");
            }

            await media.SaveAsync(variant.Key, content, cancellationToken);
        }
    }

    /// <summary>
    /// Adds the pictures not already here and maps each archive key to its picture. A picture counts as here when
    /// one with the same <see cref="Signature"/> exists (each existing picture answers for one archived picture),
    /// so importing the same file again adds nothing and two uploads of one photo stay two pictures.
    /// </summary>
    private async Task<Dictionary<int, MediaItem>> ImportMediaAsync(List<ArchivedMedia> library, CancellationToken cancellationToken)
    {
        var map = new Dictionary<int, MediaItem>();
        if (library.Count == 0)
        {
            return map;
        }

        var existing = (await db.MediaItems.Include(m => m.Variants).ToListAsync(cancellationToken))
            .GroupBy(m => Signature(m.CreatedUtc, m.FileName, m.Variants.Select(v => (v.Key, v.Purpose))))
            .ToDictionary(g => g.Key, g => new Queue<MediaItem>(g.OrderBy(m => m.Id)), StringComparer.Ordinal);
        foreach (var archived in library)
        {
            if (map.ContainsKey(archived.Key))
            {
                throw new InvalidDataException($"Picture {archived.Key} is in the file twice.");
            }

            if (existing.TryGetValue(Signature(archived.CreatedUtc, archived.FileName, archived.Variants.Select(v => (v.Key, v.Purpose))), out var same) && same.TryDequeue(out var found))
            {
                map[archived.Key] = found;
                continue;
            }

            var item = new MediaItem
            {
                FileName = archived.FileName,
                AltText = archived.AltText,
                Caption = archived.Caption,
                Credit = archived.Credit,
                Width = archived.Width,
                Height = archived.Height,
                SourceFormat = archived.SourceFormat,
                SourceBytes = archived.SourceBytes,
                FocalX = archived.FocalX,
                FocalY = archived.FocalY,
                CreatedUtc = archived.CreatedUtc,
                UploadedBy = archived.UploadedBy,
                Variants = [.. archived.Variants.Select(v => new MediaVariant
                {
                    Key = v.Key,
                    Purpose = v.Purpose,
                    Width = v.Width,
                    Height = v.Height,
                    Bytes = v.Content?.Length ?? 0,
                })],
            };
            db.MediaItems.Add(item);
            map[archived.Key] = item;
        }

        await db.SaveChangesAsync(cancellationToken);
        return map;
    }

    /// <summary>
    /// What a picture is across sites: its upload time (to the microsecond PostgreSQL keeps), its name and its width
    /// files (the social crop's file changes with the focal point, so it is left out).
    /// </summary>
    private static string Signature(DateTime createdUtc, string fileName, IEnumerable<(string Key, VariantPurpose Purpose)> variants) =>
        string.Join("|", (createdUtc.Ticks / 10).ToString(CultureInfo.InvariantCulture), fileName,
            string.Join(",", variants.Where(v => v.Purpose == VariantPurpose.Width).Select(v => v.Key).Order(StringComparer.Ordinal)));

    /// <summary>The pictures the file says the body shows; a format 1 file says nothing, so the Markdown's addresses decide, as when an editor saves.</summary>
    private async Task<List<MediaItem>> BodyMediaAsync(ArchivedArticle article, Dictionary<int, MediaItem> pictures, CancellationToken cancellationToken)
    {
        if (article.BodyMedia is { } keys)
        {
            return [.. keys.Distinct().Select(k => pictures.TryGetValue(k, out var picture)
                ? picture
                : throw new InvalidDataException($"Article '{article.Slug}': picture {k} is not in the file."))];
        }

        var mentioned = MediaAddresses.KeysIn(article.BodyMarkdown);
        return mentioned.Count == 0 ? [] : await db.MediaItems.Include(m => m.Variants).Where(m => m.Variants.Any(v => mentioned.Contains(v.Key))).ToListAsync(cancellationToken);
    }

    private static string Rendered(ArchivedArticle article, Func<string> render)
    {
        try
        {
            return render();
        }
        catch (MarkdownTooDeepException e)
        {
            throw new InvalidDataException($"Article '{article.Slug}': {e.Message}", e);
        }
    }

    /// <summary>Comments come oldest first, so each parent is stored before its replies; keys map to new ids.</summary>
    private async Task ImportCommentsAsync(ArchivedArticle article, int articleId, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<int, int>();
        foreach (var archived in article.Comments.OrderBy(c => c.CreatedUtc).ThenBy(c => c.Key))
        {
            var input = new CommentInput
            {
                Name = archived.AuthorName,
                Email = archived.AuthorEmail,
                Website = archived.AuthorWebsite,
                Body = archived.BodyMarkdown,
                ParentId = archived.ParentKey is { } key && ids.TryGetValue(key, out var parentId) ? parentId.ToString(CultureInfo.InvariantCulture) : null,
            };
            var imported = new ImportedComment(archived.CreatedUtc, ImportKey: null, archived.ClientHash, archived.Status, archived.ModerationReasons, archived.IsStaffReply);
            var result = await comments.ImportAsync(articleId, input, CommentOrigin.Import, imported, cancellationToken);
            ids[archived.Key] = result is PostCommentResult.Posted posted
                ? posted.CommentId
                : throw new InvalidDataException($"Comment {archived.Key} on '{article.Slug}' cannot be imported: {result.Describe()}");
            await ImportStandingAsync(archived, ids[archived.Key], cancellationToken);
        }
    }

    /// <summary>What readers and editors gave the comment after it was posted: its likes (rows, so recounting keeps them), its pick, its "edited" mark.</summary>
    private async Task ImportStandingAsync(ArchivedComment archived, int commentId, CancellationToken cancellationToken)
    {
        var likes = (archived.Likes ?? []).DistinctBy(l => l.ClientHash, StringComparer.Ordinal).ToList();
        if (likes.Count == 0 && archived.PickedUtc is null && archived.EditedUtc is null)
        {
            return;
        }

        db.CommentLikes.AddRange(likes.Select(l => new CommentLike { CommentId = commentId, ClientHash = l.ClientHash, CreatedUtc = l.CreatedUtc }));
        await db.SaveChangesAsync(cancellationToken);
        var score = BestScore.Of(likes.Count);
        await db.Comments.Where(c => c.Id == commentId).ExecuteUpdateAsync(
            u => u.SetProperty(c => c.LikeCount, likes.Count).SetProperty(c => c.BestScore, score)
                .SetProperty(c => c.PickedUtc, archived.PickedUtc).SetProperty(c => c.EditedUtc, archived.EditedUtc),
            cancellationToken);
    }
}

/// <summary><c>export --to FILE</c> and <c>import-json FILE</c>.</summary>
public static class SiteArchiveCommands
{
    public const string Export = "export";
    public const string Import = "import-json";

    public static async Task<int> ExportAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var index = Array.IndexOf(args, "--to");
        if (index < 0 || index + 1 >= args.Length)
        {
            await output.WriteLineAsync("Usage: export --to FILE.json | FILE.xml (.xml writes a WordPress export, WXR)");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<SiteArchive>().ExportAsync(CancellationToken.None);
        var path = Path.GetFullPath(args[index + 1]);
        await using (var file = File.Create(path))
        {
            if (path.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                var renderer = scope.ServiceProvider.GetRequiredService<MarkdownRenderer>();
                var siteUrl = scope.ServiceProvider.GetRequiredService<IConfiguration>()["Site:PublicUrl"] ?? "http://localhost";
                await WxrExporter.Build(export, siteUrl.TrimEnd('/'), md => renderer.RenderArticle(md).Value, md => renderer.RenderComment(md).Value)
                    .SaveAsync(file, System.Xml.Linq.SaveOptions.None, CancellationToken.None);
            }
            else
            {
                await JsonSerializer.SerializeAsync(file, export, SiteArchive.Json);
            }
        }

        var library = export.Media ?? [];
        await output.WriteLineAsync($"Exported {export.Articles.Count} articles, {export.Articles.Sum(a => a.Comments.Count)} comments and {library.Count} pictures to {path}.");
        var lost = library.SelectMany(m => m.Variants).Where(v => v.Content is null).Select(v => v.Key).Distinct().ToList();
        if (lost.Count > 0)
        {
            // The export still happens (everything else is there); the site was already serving nothing at these addresses.
            await output.WriteLineAsync($"Warning: {lost.Count} media files were missing from the store and are not in the export: {string.Join(", ", lost)}.");
        }

        return 0;
    }

    public static async Task<int> ImportAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await output.WriteLineAsync("Usage: import-json FILE.json (a file written by the export command)");
            return 2;
        }

        SiteExport? export;
        try
        {
            await using var file = File.OpenRead(args[1]);
            export = await JsonSerializer.DeserializeAsync<SiteExport>(file, SiteArchive.Json);
        }
        catch (JsonException e)
        {
            await output.WriteLineAsync($"{args[1]} is not a MovieNews export: line {e.LineNumber + 1}: {e.Message}");
            return 1;
        }

        if (export?.Articles is null)
        {
            await output.WriteLineAsync($"{args[1]} is not a MovieNews export.");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        try
        {
            var count = await scope.ServiceProvider.GetRequiredService<SiteArchive>().ImportAsync(export, CancellationToken.None);
            await output.WriteLineAsync($"Imported {count} articles ({export.Articles.Count - count} already present); the file's {export.Media?.Count ?? 0} pictures are in the library (none is added twice).");
            return 0;
        }
        catch (Exception e) when (e is StoredValueTooLongException or InvalidDataException)
        {
            await output.WriteLineAsync($"{args[1]}: {e.Message} Nothing was imported.");
            return 1;
        }
    }
}
