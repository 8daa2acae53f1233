using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin.Media;

public sealed record LibraryTile(int Id, string FileName, string AltText, string? Caption, int Width, int Height, string? ThumbnailKey, int ThumbnailWidth, int ThumbnailHeight, int Uses);

/// <summary>The media library: every picture, newest first, searchable by file name, alt text and caption.</summary>
public sealed class IndexModel(MovieNewsDbContext db) : PageModel
{
    public const int PageSize = 48;

    public string? Q { get; private set; }
    public PagedList<LibraryTile> Tiles { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? q, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var pageNumber))
        {
            return BadRequest();
        }

        Q = q?.Trim() is { Length: > 0 and <= 200 } query ? query : null;
        var items = db.MediaItems.AsNoTracking();
        if (Q is not null)
        {
            // Lower-cased on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            var pattern = "%" + Q.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the culture-aware overloads cannot be.
            items = items.Where(m => EF.Functions.Like(m.FileName.ToLower(), pattern, "\\") || EF.Functions.Like(m.AltText.ToLower(), pattern, "\\")
                || (m.Caption != null && EF.Functions.Like(m.Caption.ToLower(), pattern, "\\")));
#pragma warning restore CA1304, CA1311
        }

        var tiles = items.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Select(m => new
            {
                Item = m,
                Thumbnail = m.Variants.Where(v => v.Purpose == VariantPurpose.Width && EF.Functions.Like(v.Key, "%.webp")).OrderBy(v => v.Width).FirstOrDefault(),
                Uses = db.Articles.Count(a => a.FeaturedMediaId == m.Id || a.BodyMedia.Any(b => b.Id == m.Id)),
            })
            .Select(t => new LibraryTile(t.Item.Id, t.Item.FileName, t.Item.AltText, t.Item.Caption, t.Item.Width, t.Item.Height,
                t.Thumbnail == null ? null : t.Thumbnail.Key, t.Thumbnail == null ? 0 : t.Thumbnail.Width, t.Thumbnail == null ? 0 : t.Thumbnail.Height, t.Uses));
        var paged = await tiles.ToPageAsync(pageNumber, PageSize, cancellationToken);
        if (paged is null)
        {
            return NotFound();
        }

        Tiles = paged;
        return Page();
    }
}
