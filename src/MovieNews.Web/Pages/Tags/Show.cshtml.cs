using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Tags;

[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery("page", PageNumbers = ["page"])]
public sealed class ShowModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 10;

    public TagLink Tag { get; private set; } = null!;
    public PagedList<ArticleSummary> Articles { get; private set; } = null!;
    public Pagination Pagination => new($"/tags/{Tag.Slug}", Articles.Page, Articles.TotalPages);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        var tag = Slug.IsValid(slug)
            ? await db.Tags.AsNoTracking().Where(t => t.Slug == slug)
                .Select(t => new { Link = new TagLink(t.Slug, t.Name), t.ArticleCount }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (tag is null)
        {
            return NotFound();
        }

        var articles = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Tags.Any(t => t.Slug == slug))
            .NewestFirstSummaries()
            .ToPageAsync(number, PageSize, tag.ArticleCount, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }

        Tag = tag.Link;
        Articles = await articles.WithPicturesAsync(db, cancellationToken);
        return Page();
    }
}
