using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Review;

namespace MovieNews.Web.Pages.Admin.Review;

/// <summary>What waits for an editor: new articles submitted for review and changes to live ones, oldest first.</summary>
public sealed class IndexModel(MovieNewsDbContext db) : PageModel
{
    private const int Listed = 200;

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var submitted = await db.Articles.AsNoTracking()
            .Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.InReview)
            .OrderBy(a => a.UpdatedUtc).Take(Listed)
            .Select(a => new Item(a.Id, a.Title, false,
                db.ReviewNotes.Where(n => n.ArticleId == a.Id && n.Step == ReviewStep.Submitted).OrderByDescending(n => n.Id).Select(n => n.ByName).FirstOrDefault() ?? a.AuthorName,
                a.UpdatedUtc))
            .ToListAsync(cancellationToken);
        var changes = await db.ArticleChanges.AsNoTracking()
            .Where(c => c.State == ChangeState.Pending && c.Article.DeletedUtc == null)
            .OrderBy(c => c.UpdatedUtc).Take(Listed)
            .Select(c => new Item(c.ArticleId, c.Article.Title, true, c.ProposedBy, c.UpdatedUtc))
            .ToListAsync(cancellationToken);
        Items = [.. submitted.Concat(changes).OrderBy(i => i.SinceUtc)];
    }

    public sealed record Item(int ArticleId, string Title, bool IsChange, string By, DateTime SinceUtc);
}
