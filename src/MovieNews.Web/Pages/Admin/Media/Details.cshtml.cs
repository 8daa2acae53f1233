using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Media;

/// <summary>One picture: its words, its focal point, where it is used, and deleting it when nothing uses it.</summary>
public sealed class DetailsModel(MovieNewsDbContext db, MediaLibrary library) : PageModel
{
    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public string? Caption { get; set; }

    [BindProperty]
    public string? Credit { get; set; }

    /// <summary>Percent from the left and from the top, as typed.</summary>
    [BindProperty]
    public string? FocalX { get; set; }

    [BindProperty]
    public string? FocalY { get; set; }

    public MediaItem Item { get; private set; } = null!;
    public IReadOnlyList<MediaUse> Uses { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];
    public bool DeleteRefused { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (AltText, Caption, Credit) = (Item.AltText, Item.Caption, Item.Credit);
        (FocalX, FocalY) = (Percent(Item.FocalX), Percent(Item.FocalY));
        return Page();
    }

    public async Task<IActionResult> OnPostDescribeAsync(int id, CancellationToken cancellationToken)
    {
        var focal = ParseFocal();
        if (focal is not null)
        {
            var errors = await library.DescribeAsync(id, new MediaDescription(AltText, Caption, Credit), focal.Value, cancellationToken);
            if (errors is null)
            {
                return NotFound();
            }

            if (errors.Count == 0)
            {
                TempData["Message"] = SiteText.Get("Saved. Articles featuring the picture show it now; a picture inside an article's text takes the new words when that article is next saved.");
                return Redirect($"/admin/media/{id}");
            }

            foreach (var (field, message) in errors)
            {
                Errors[field] = message;
            }
        }

        return await ReshowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (!Features.Articles.ArticleAccess.IsEditor(User))
        {
            // Authors add to the library; taking a picture out of it (perhaps from others' articles) is an editor's call.
            return Forbid();
        }

        var (deleted, uses) = await library.DeleteAsync(id, cancellationToken);
        if (deleted)
        {
            TempData["Message"] = SiteText.Get("The picture and its files were deleted.");
            return Redirect("/admin/media");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (AltText, Caption, Credit) = (Item.AltText, Item.Caption, Item.Credit);
        (FocalX, FocalY) = (Percent(Item.FocalX), Percent(Item.FocalY));
        Uses = uses;
        DeleteRefused = true;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private FocalPoint? ParseFocal()
    {
        double? Read(string? typed, string field)
        {
            // A decimal comma is read as the point it means ("33,5"), whatever the site's language: no thousands here.
            if (double.TryParse(typed?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100)
            {
                return value / 100;
            }

            Errors[field] = SiteText.Get("Enter a percentage from 0 to 100.");
            return null;
        }

        var x = Read(FocalX, nameof(FocalX));
        var y = Read(FocalY, nameof(FocalY));
        return x is null || y is null ? null : FocalPoint.Clamped(x.Value, y.Value);
    }

    private async Task<IActionResult> ReshowAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var item = await db.MediaItems.AsNoTracking().Include(m => m.Variants).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return false;
        }

        Item = item;
        Uses = await library.UsesAsync(id, cancellationToken);
        return true;
    }

    private static string Percent(double fraction) => Math.Round(fraction * 100, 1).ToString(CultureInfo.InvariantCulture);
}
