using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;

namespace MovieNews.Web.Features.Media;

public sealed record PictureFile(string Url, int Width, int Height, bool WebP, long Bytes = 0);

/// <summary>A library picture as pages show it: its words, its files and where its subject is.</summary>
public sealed record PictureView(
    int Id, string AltText, string? Caption, string? Credit, int Width, int Height, double FocalX, double FocalY,
    IReadOnlyList<PictureFile> Widths, PictureFile? Social)
{
    public string SrcSet(bool webP) => string.Join(", ", Widths.Where(f => f.WebP == webP).Select(f => $"{f.Url} {f.Width}w"));

    /// <summary>The JPEG for browsers that read neither <c>srcset</c> nor WebP.</summary>
    public PictureFile Fallback => Widths.Where(f => !f.WebP).MinBy(f => Math.Abs(f.Width - 960)) ?? Widths[0];

    /// <summary>For crops made by CSS (<c>object-fit: cover</c>): they keep the subject too.</summary>
    public string ObjectPosition => string.Create(CultureInfo.InvariantCulture, $"{FocalX * 100:0.#}% {FocalY * 100:0.#}%");

    /// <summary>Loads the pictures for a page in one query, keyed by picture id.</summary>
    public static async Task<IReadOnlyDictionary<int, PictureView>> LoadAsync(MovieNewsDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, PictureView>();
        }

        var items = await db.MediaItems.AsNoTracking().Include(m => m.Variants).Where(m => wanted.Contains(m.Id)).ToListAsync(cancellationToken);
        // A picture without its JPEG widths (a damaged import) is left out rather than breaking every page that lists it.
        return items.Where(m => m.Variants.Any(v => v.Purpose == VariantPurpose.Width && !v.IsWebP)).ToDictionary(m => m.Id, From);
    }

    public static PictureView From(MediaItem item)
    {
        var widths = item.Variants.Where(v => v.Purpose == VariantPurpose.Width).OrderBy(v => v.Width)
            .Select(v => new PictureFile(v.Url, v.Width, v.Height, v.IsWebP, v.Bytes)).ToList();
        var social = item.Variants.Where(v => v.Purpose == VariantPurpose.Social).Select(v => new PictureFile(v.Url, v.Width, v.Height, v.IsWebP, v.Bytes)).FirstOrDefault();
        return new PictureView(item.Id, item.AltText, item.Caption, item.Credit, item.Width, item.Height, item.FocalX, item.FocalY, widths, social);
    }
}

/// <summary>How one page shows a picture: the layout width (<c>sizes</c>) and whether it is the first thing seen.</summary>
/// <param name="Decorative">Beside a link that already names the article: an empty alt, so screen readers do not read both.</param>
public sealed record PictureRendering(PictureView Picture, string Sizes, bool Eager, string? CssClass = null, bool Decorative = false);

/// <summary>The layout widths the stylesheet gives pictures, for <c>sizes</c>: keep them in step with site.css.</summary>
public static class PictureSizes
{
    public const string Card = "(max-width: 40rem) calc(100vw - 2rem), 14rem";
    public const string Hero = "(max-width: 44rem) calc(100vw - 2rem), 42rem";
}
