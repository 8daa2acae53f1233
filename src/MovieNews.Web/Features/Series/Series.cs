using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Series;

/// <summary>An ordered run of articles ("Purple Hearts"): each article names its part, readers step through them.</summary>
public sealed class Series
{
    public const int TitleMaxLength = 100;
    public const int MaxPart = 999;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
}

/// <summary>A neighbouring part, or an entry of the series page.</summary>
public sealed record SeriesPart(string Slug, string Title, int Part);

/// <summary>Where an article stands in its series, as its page shows it.</summary>
public sealed record SeriesPlace(int SeriesId, string SeriesSlug, string SeriesTitle, int Part, int Parts, SeriesPart? Previous, SeriesPart? Next)
{
    public string Url => $"/series/{SeriesSlug}";

    /// <summary>The readers' view of a series: only parts they can read count, in part order.</summary>
    public static async Task<SeriesPlace?> ForAsync(MovieNewsDbContext db, int articleId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var own = await db.Articles.AsNoTracking().Where(a => a.Id == articleId && a.SeriesId != null)
            .Select(a => new { a.SeriesId, a.SeriesPart, a.PublishedUtc, Series = db.Series.Single(s => s.Id == a.SeriesId) })
            .SingleOrDefaultAsync(cancellationToken);
        if (own is null)
        {
            return null;
        }

        var parts = await PartsAsync(db, own.SeriesId!.Value, nowUtc, cancellationToken);
        var index = parts.FindIndex(p => p.Id == articleId);
        if (index < 0)
        {
            return null;
        }

        SeriesPart Part(int i) => new(parts[i].Slug, parts[i].Title, i + 1);
        return new SeriesPlace(own.SeriesId.Value, own.Series.Slug, own.Series.Title, index + 1, parts.Count,
            index > 0 ? Part(index - 1) : null, index < parts.Count - 1 ? Part(index + 1) : null);
    }

    /// <summary>The visible parts in order: by part number, then publication (parts without a number go last).</summary>
    public static async Task<List<(int Id, string Slug, string Title)>> PartsAsync(MovieNewsDbContext db, int seriesId, DateTime nowUtc, CancellationToken cancellationToken) =>
        (await db.Articles.AsNoTracking().VisibleToReaders(nowUtc).Where(a => a.SeriesId == seriesId)
            .OrderBy(a => a.SeriesPart == null).ThenBy(a => a.SeriesPart).ThenBy(a => a.PublishedUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Slug, a.Title })
            .ToListAsync(cancellationToken))
        .Select(a => (a.Id, a.Slug, a.Title)).ToList();
}

internal sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> series)
    {
        series.Property(s => s.Slug).HasMaxLength(Slug.MaxLength);
        series.HasIndex(s => s.Slug).IsUnique();
        series.Property(s => s.Title).HasMaxLength(Series.TitleMaxLength);
    }
}
