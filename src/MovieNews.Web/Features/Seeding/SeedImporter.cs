using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Seeding;

public sealed class SeedOptions
{
    /// <summary>Folder holding <c>articles/*.md</c>; relative paths are taken from the app's base directory.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Turn off to start with an empty site.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Turn off to import the articles without their featured pictures. They are processed in the background
    /// after the first start (a second or two each); the test suite turns them off except where they are tested.
    /// </summary>
    public bool Images { get; set; } = true;
}

/// <summary>Imports the seed content through the same authoring service editors use.</summary>
public sealed class SeedImporter(
    MovieNewsDbContext db,
    ArticleAuthoring authoring,
    CommentWriter comments,
    SeedPictures pictures,
    IOptions<SeedOptions> options,
    ILogger<SeedImporter> logger)
{
    public async Task ImportIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || await db.Articles.AnyAsync(cancellationToken))
        {
            return;
        }

        await ImportAsync(cancellationToken);
    }

    /// <summary>Idempotent: articles whose slug and comments whose key are already stored are left as they are.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        // Parse everything before writing anything, so a malformed file stops the import with nothing half-done.
        var seeds = ReadArticles();
        var commentFiles = ReadCommentFiles();
        var imported = await ImportArticlesAsync(seeds, cancellationToken);
        foreach (var (fileName, file) in commentFiles)
        {
            imported += await ImportCommentsAsync(fileName, file, cancellationToken);
        }

        return imported;
    }

    private async Task<int> ImportArticlesAsync(List<(string FileName, SeedArticle Seed)> seeds, CancellationToken cancellationToken)
    {
        var existing = await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken);
        var missing = seeds.Where(s => !existing.Contains(s.Seed.Slug)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var imported = 0;
        foreach (var (_, seed) in missing)
        {
            await authoring.CreateAsync(
                new ArticleInput(seed.Title, seed.Slug, seed.Excerpt, seed.BodyMarkdown, seed.Author,
                    ArticleStatus.Published, seed.PublishedUtc, seed.Tags),
                savedBy: "seed import",
                cancellationToken);
            imported++;
        }

        await transaction.CommitAsync(cancellationToken);

        // The pictures come after the site has started (SeedPictures): processing them takes seconds each.
        if (options.Value.Images)
        {
            pictures.Enqueue(missing.Where(s => s.Seed.Image is not null)
                .Select(s => new PendingSeedPicture(s.FileName, s.Seed.Slug, ImagePath(s.Seed.Image!), s.Seed.Image!.AltText)));
        }

        if (imported > 0)
        {
            logger.LogInformation("Imported {Count} seed articles", imported);
        }

        return imported;
    }

    /// <summary>
    /// Seed comments go through the same posting service and moderation rules as a reader's comment: one that
    /// trips a rule is held, not dropped. Each seeded author counts as a client of their own.
    /// </summary>
    private async Task<int> ImportCommentsAsync(string fileName, SeedCommentFile file, CancellationToken cancellationToken)
    {
        var articleId = await db.Articles.Where(a => a.Slug == file.Article).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new SeedFormatException(fileName, $"no article has the slug '{file.Article}'");
        var keyPrefix = $"seed:{file.Article}:";
        var storedIds = await db.Comments
            .Where(c => c.ImportKey != null && c.ImportKey.StartsWith(keyPrefix))
            .ToDictionaryAsync(c => c.ImportKey!.Substring(keyPrefix.Length), c => c.Id, cancellationToken);
        var imported = 0;
        var held = 0;
        // One transaction for the file: a commit (and its sync to disk) per comment was most of a first start's seeding.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var seed in file.Comments.Where(c => !storedIds.ContainsKey(c.Key)))
        {
            var parentId = seed.ReplyTo is null ? null
                : storedIds.TryGetValue(seed.ReplyTo, out var id) ? id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : throw new SeedFormatException(fileName, $"comment '{seed.Key}' replies to '{seed.ReplyTo}', which was not stored");
            var result = await comments.ImportAsync(
                articleId,
                new CommentInput { Name = seed.Author, Email = seed.Email, Website = seed.Website, Body = seed.Body, ParentId = parentId },
                CommentOrigin.Seed,
                new ImportedComment(seed.PostedUtc, keyPrefix + seed.Key, ClientHash: $"seed:{seed.Author}"),
                cancellationToken);
            if (result is not PostCommentResult.Posted posted)
            {
                throw new SeedFormatException(fileName, $"comment '{seed.Key}' was refused: {result}");
            }

            storedIds[seed.Key] = posted.CommentId;
            imported++;
            if (posted.Status != CommentStatus.Approved)
            {
                held++;
                logger.LogInformation("Seed comment {Key} held: {Reasons}", seed.Key, string.Join(" ", posted.Reasons));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (imported > 0)
        {
            logger.LogInformation("Imported {Count} seed comments on {Article} ({Held} held for moderation)", imported, file.Article, held);
        }

        return imported;
    }

    private string ImagePath(SeedImage image) => System.IO.Path.Combine(SeedFolder, image.Path);

    private List<(string FileName, SeedCommentFile File)> ReadCommentFiles()
    {
        var folder = System.IO.Path.Combine(SeedFolder, "comments");
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.json")
                .Order(StringComparer.Ordinal)
                .Select(file => (System.IO.Path.GetFileName(file), SeedCommentParser.Parse(System.IO.Path.GetFileName(file), File.ReadAllText(file))))
                .ToList();
    }

    private string SeedFolder => System.IO.Path.GetFullPath(options.Value.Path, AppContext.BaseDirectory);

    private List<(string FileName, SeedArticle Seed)> ReadArticles()
    {
        var folder = System.IO.Path.Combine(SeedFolder, "articles");
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("No seed folder at {Folder}; starting with an empty site", folder);
            return [];
        }

        var seeds = new List<(string FileName, SeedArticle Seed)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var fileName = System.IO.Path.GetFileName(file);
            var seed = SeedArticleParser.Parse(fileName, File.ReadAllText(file));
            if (seed.Image is { } image && !File.Exists(ImagePath(image)))
            {
                throw new SeedFormatException(fileName, $"image '{image.Path}' does not exist (looked for {ImagePath(image)})");
            }

            seeds.Add((fileName, seed));
        }

        var duplicate = seeds.GroupBy(s => s.Seed.Slug).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? seeds
            : throw new SeedFormatException(duplicate.Key, "two seed files share this slug");
    }
}
