using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages;

[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery("page", PageNumbers = ["page"])]
public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 10;

    public PagedList<ArticleSummary> Articles { get; private set; } = null!;
    public Pagination Pagination => new("/", Articles.Page, Articles.TotalPages);

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        var articles = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .NewestFirstSummaries()
            .ToPageAsync(number, PageSize, cancellationToken);
        if (articles is null)
        {
            return NotFound();
        }

        Articles = await articles.WithPicturesAsync(db, cancellationToken);
        return Page();
    }
}
