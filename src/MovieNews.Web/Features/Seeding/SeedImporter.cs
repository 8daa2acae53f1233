using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Seeding;

public sealed class SeedOptions
{
    /// <summary>Folder holding <c>articles/*.md</c>; relative paths are taken from the app's base directory.</summary>
    public string Path { get; set; } = "seeds";

    /// <summary>Turn off to start with an empty site.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Imports the seed content through the same authoring service editors use.</summary>
public sealed class SeedImporter(
    MovieNewsDbContext db,
    ArticleAuthoring authoring,
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

    /// <summary>Idempotent: an article whose slug is already stored is left as it is.</summary>
    public async Task<int> ImportAsync(CancellationToken cancellationToken)
    {
        // Parse everything before writing anything, so a malformed file stops the import with nothing half-done.
        var seeds = ReadArticles();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Articles.Select(a => a.Slug).ToListAsync(cancellationToken);
        var imported = 0;
        foreach (var seed in seeds.Where(s => !existing.Contains(s.Slug)))
        {
            await authoring.CreateAsync(
                new ArticleInput(seed.Title, seed.Slug, seed.Excerpt, seed.BodyMarkdown, seed.Author,
                    ArticleStatus.Published, seed.PublishedUtc, seed.Tags),
                cancellationToken);
            imported++;
        }

        await transaction.CommitAsync(cancellationToken);

        if (imported > 0)
        {
            logger.LogInformation("Imported {Count} seed articles", imported);
        }

        return imported;
    }

    private List<SeedArticle> ReadArticles()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.Path, AppContext.BaseDirectory), "articles");
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("No seed folder at {Folder}; starting with an empty site", folder);
            return [];
        }

        var seeds = Directory.EnumerateFiles(folder, "*.md")
            .Order(StringComparer.Ordinal)
            .Select(file => SeedArticleParser.Parse(System.IO.Path.GetFileName(file), File.ReadAllText(file)))
            .ToList();
        var duplicate = seeds.GroupBy(s => s.Slug).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? seeds
            : throw new SeedFormatException(duplicate.Key, "two seed files share this slug");
    }
}
