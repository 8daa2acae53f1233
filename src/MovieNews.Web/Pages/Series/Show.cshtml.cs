using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Series;

/// <summary>Every part of a series readers can see, in order. A series with none yet is not there (404).</summary>
[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery]
public sealed class ShowModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Slug { get; private set; } = string.Empty;
    public IReadOnlyList<ArticleSummary> Parts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var series = Features.Articles.Slug.IsValid(slug)
            ? await db.Series.AsNoTracking().Where(s => s.Slug == slug).Select(s => new { s.Id, s.Slug, s.Title }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (series is null)
        {
            return NotFound();
        }

        var order = await Features.Series.SeriesPlace.PartsAsync(db, series.Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (order.Count == 0)
        {
            return NotFound();
        }

        var ids = order.Select(p => p.Id).ToList();
        var summaries = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).NewestFirstSummaries().ToListAsync(cancellationToken);
        var page = await new PagedList<ArticleSummary>([.. order.Select(p => summaries.Single(s => s.Slug == p.Slug))], 1, order.Count, order.Count)
            .WithPicturesAsync(db, cancellationToken);
        (Title, Slug, Parts) = (series.Title, series.Slug, page.Items);
        return Page();
    }
}
