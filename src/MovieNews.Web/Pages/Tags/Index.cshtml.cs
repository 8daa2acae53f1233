using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Tags;

[OutputCache(PolicyName = ReaderPageCache.PolicyName)]
[CanonicalQuery]
public sealed class IndexModel(MovieNewsDbContext db) : PageModel
{
    public IReadOnlyList<TagCount> Tags { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Tags = await db.Tags.AsNoTracking()
            .Where(t => t.ArticleCount > 0)
            .OrderBy(t => t.Name)
            .Select(t => new TagCount(t.Slug, t.Name, t.ArticleCount))
            .ToListAsync(cancellationToken);
    }

    public sealed record TagCount(string Slug, string Name, int Articles);
}
