using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Articles;

public sealed record ArticleInput(
    string Title,
    string Slug,
    string Excerpt,
    string BodyMarkdown,
    string AuthorName,
    ArticleStatus Status,
    DateTime? PublishedUtc,
    IReadOnlyCollection<string> Tags);

/// <summary>Creates articles the one way every path (editor, seed import) goes: render once, tag, stamp.</summary>
public sealed class ArticleAuthoring(MovieNewsDbContext db, MarkdownRenderer renderer, TimeProvider clock)
{
    private const int GeneratedExcerptLength = 240;

    public async Task<Article> CreateAsync(ArticleInput input, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var plainText = renderer.ToPlainText(input.BodyMarkdown);
        var article = new Article
        {
            Slug = input.Slug,
            Title = input.Title.Trim(),
            Excerpt = string.IsNullOrWhiteSpace(input.Excerpt) ? Summarise(plainText) : input.Excerpt.Trim(),
            BodyMarkdown = input.BodyMarkdown,
            BodyHtml = renderer.RenderArticle(input.BodyMarkdown).Value,
            ReadingMinutes = ReadingTime.Minutes(plainText),
            AuthorName = input.AuthorName.Trim(),
            Status = input.Status,
            PublishedUtc = input.Status == ArticleStatus.Draft ? input.PublishedUtc : input.PublishedUtc ?? nowUtc,
            CreatedUtc = nowUtc,
            UpdatedUtc = nowUtc,
            Tags = await ResolveTagsAsync(input.Tags, cancellationToken),
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    private async Task<List<Tag>> ResolveTagsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var wanted = names
            .Select(n => n.Trim())
            .Where(n => n.Length > 0)
            .Select(n => (Name: n, Slug: Slug.From(n)))
            .Where(t => t.Slug.Length > 0)
            .DistinctBy(t => t.Slug)
            .ToList();
        var slugs = wanted.Select(t => t.Slug).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var created = wanted
            .Where(w => existing.All(e => e.Slug != w.Slug))
            .Select(w => new Tag { Slug = w.Slug, Name = w.Name });
        return [.. existing, .. created];
    }

    private static string Summarise(string plainText)
    {
        var text = string.Join(' ', plainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= GeneratedExcerptLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', GeneratedExcerptLength);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : GeneratedExcerptLength).TrimEnd(",;:.-–— "), "…");
    }
}
