using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Pages.Tags;

public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var visible = db.Articles.VisibleToReaders(nowUtc);
        Tags = await db.Tags.AsNoTracking()
            .Select(t => new TagCount(t.Slug, t.Name, visible.Count(a => a.Tags.Contains(t))))
            .Where(t => t.Articles > 0)
            .OrderBy(t => t.Name)
            .ToListAsync(cancellationToken);
    }

    public sealed record TagCount(string Slug, string Name, int Articles);
}
