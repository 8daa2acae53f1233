using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Search;

namespace MovieNews.Web.Features.Portability;

public sealed record ArchivedRevision(int Version, string Title, string Excerpt, string BodyMarkdown, string SavedBy, DateTime SavedUtc);

public sealed record ArchivedComment(
    int Key, int? ParentKey, string AuthorName, string? AuthorEmail, string? AuthorWebsite, string BodyMarkdown,
    CommentStatus Status, List<string> ModerationReasons, string ClientHash, DateTime CreatedUtc, bool IsStaffReply);

public sealed record ArchivedArticle(
    string Slug, string Title, string Excerpt, string BodyMarkdown, string AuthorName, ArticleStatus Status,
    DateTime? PublishedUtc, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? DeletedUtc, bool CommentsOpen,
    List<string> Tags, List<ArchivedRevision> Revisions, List<ArchivedComment> Comments);

public sealed record SiteExport(int FormatVersion, DateTime ExportedUtc, List<ArchivedArticle> Articles);

/// <summary>
/// Everything a site is — articles, tags, comments with their threads and verdicts, revisions — as one JSON
/// document, and back. Importing skips articles whose slug exists, so it can be repeated safely.
/// </summary>
public sealed class SiteArchive(MovieNewsDbContext db, MarkdownRenderer renderer, CommentWriter comments, ISearchIndex search, TimeProvider clock)
{
    public const int FormatVersion = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<SiteExport> ExportAsync(CancellationToken cancellationToken)
    {
        var articles = await db.Articles.AsNoTracking().AsSplitQuery().Include(a => a.Tags).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var revisions = (await db.ArticleRevisions.AsNoTracking().OrderBy(r => r.Version).ToListAsync(cancellationToken)).ToLookup(r => r.ArticleId);
        var comments = (await db.Comments.AsNoTracking().OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).ToListAsync(cancellationToken)).ToLookup(c => c.ArticleId);
        return new SiteExport(FormatVersion, clock.GetUtcNow().UtcDateTime, articles.Select(a => new ArchivedArticle(
            a.Slug, a.Title, a.Excerpt, a.BodyMarkdown, a.AuthorName, a.Status, a.PublishedUtc, a.CreatedUtc, a.UpdatedUtc, a.DeletedUtc,
            a.CommentsOpen, [.. a.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)],
            [.. revisions[a.Id].Select(r => new ArchivedRevision(r.Version, r.Title, r.Excerpt, r.BodyMarkdown, r.SavedBy, r.SavedUtc))],
            [.. comments[a.Id].Select(c => new ArchivedComment(c.Id, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.BodyMarkdown,
                c.Status, c.ModerationReasons, c.ClientHash, c.CreatedUtc, c.IsStaffReply))])).ToList());
    }

    /// <returns>How many articles were imported (existing slugs are skipped).</returns>
    public async Task<int> ImportAsync(SiteExport export, CancellationToken cancellationToken)
    {
        if (export.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"This file has format version {export.FormatVersion}; this MovieNews reads version {FormatVersion}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = (await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var tags = new TagSet(await db.Tags.ToListAsync(cancellationToken));
        var imported = new List<Article>();
        foreach (var archived in export.Articles.Where(a => Slug.IsValid(a.Slug) && !existing.Contains(a.Slug)))
        {
            var article = new Article
            {
                Slug = archived.Slug,
                Title = archived.Title,
                Excerpt = archived.Excerpt,
                BodyMarkdown = archived.BodyMarkdown,
                BodyHtml = Rendered(archived, () => renderer.RenderArticle(archived.BodyMarkdown).Value),
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
        }
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

        await output.WriteLineAsync($"Exported {export.Articles.Count} articles and {export.Articles.Sum(a => a.Comments.Count)} comments to {path}.");
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
            await output.WriteLineAsync($"Imported {count} articles ({export.Articles.Count - count} already present).");
            return 0;
        }
        catch (StoredValueTooLongException e)
        {
            await output.WriteLineAsync($"{args[1]}: {e.Message} Nothing was imported.");
            return 1;
        }
    }
}
