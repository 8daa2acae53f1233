using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Authors;

/// <summary>A staff author's page: who they are and what they wrote. Only authors with a published article have one.</summary>
[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery("page", PageNumbers = ["page"])]
public sealed class ShowModel(MovieNewsDbContext db, TimeProvider clock, SiteUrls urls) : PageModel
{
    public const int PageSize = 10;

    public AuthorProfile Author { get; private set; } = null!;
    public PictureView? Picture { get; private set; }
    public PagedList<ArticleSummary> Articles { get; private set; } = null!;
    public Pagination Pagination => new($"/authors/{Author.Slug}", Articles.Page, Articles.TotalPages);
    public string CanonicalUrl => urls.Absolute(Request, Articles.Page == 1 ? $"/authors/{Author.Slug}" : $"/authors/{Author.Slug}?page={Articles.Page}").ToString();

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        var author = await AuthorProfile.FindAsync(db, slug, cancellationToken);
        if (author is null)
        {
            return NotFound();
        }

        var articles = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Authors.Any(au => au.UserId == author.UserId))
            .NewestFirstSummaries()
            .ToPageAsync(number, PageSize, cancellationToken);
        if (articles is null || articles.TotalCount == 0)
        {
            return NotFound();
        }

        Author = author;
        Articles = await articles.WithPicturesAsync(db, cancellationToken);
        Picture = author.PictureMediaId is { } pictureId
            ? (await PictureView.LoadAsync(db, [pictureId], cancellationToken)).GetValueOrDefault(pictureId)
            : null;
        return Page();
    }

    /// <summary>schema.org ProfilePage about a Person, as JSON-LD (the serializer escapes what could close the script).</summary>
    public string StructuredData => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "ProfilePage",
        ["url"] = CanonicalUrl,
        ["mainEntity"] = new Dictionary<string, object?>
        {
            ["@type"] = "Person",
            ["name"] = Author.Name,
            ["url"] = urls.Absolute(Request, $"/authors/{Author.Slug}").ToString(),
            ["description"] = Author.Bio.Length == 0 ? null : Author.Bio,
            ["image"] = Picture?.Widths.LastOrDefault(f => !f.WebP) is { } file ? urls.Absolute(Request, file.Url).ToString() : null,
        }.Where(entry => entry.Value is not null).ToDictionary(),
    });
}

/// <summary>What an author page shows of a staff account (never the email).</summary>
public sealed record AuthorProfile(string UserId, string Slug, string Name, string Bio, int? PictureMediaId)
{
    public static async Task<AuthorProfile?> FindAsync(MovieNewsDbContext db, string slug, CancellationToken cancellationToken) =>
        Features.Articles.Slug.IsValid(slug)
            ? await db.Users.AsNoTracking().Where(u => u.AuthorSlug == slug)
                .Select(u => new AuthorProfile(u.Id, u.AuthorSlug!, u.DisplayName, u.Bio, u.PictureMediaId))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
}
