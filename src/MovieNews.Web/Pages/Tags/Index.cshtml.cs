using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Tags;

[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery]
public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = db.Articles.VisibleToReaders(clock.GetUtcNow().UtcDateTime);
        Tags = await db.Tags.AsNoTracking()
            .Select(t => new { t.Slug, t.Name, Articles = visible.Count(a => a.Tags.Any(x => x.Id == t.Id)) })
            .Where(t => t.Articles > 0)
            .OrderBy(t => t.Name)
            .Select(t => new TagCount(t.Slug, t.Name, t.Articles))
            .ToListAsync(cancellationToken);
    }

    public sealed record TagCount(string Slug, string Name, int Articles);
}
