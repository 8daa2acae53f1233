using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Pages.Admin.Comments;

namespace MovieNews.Web.Pages.Admin;

public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public int PendingComments { get; private set; }
    public int Drafts { get; private set; }
    public int Scheduled { get; private set; }
    public int Published { get; private set; }
    public int CommentsThisWeek { get; private set; }
    public IReadOnlyList<QueueRow> LatestPending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var live = db.Articles.Where(a => a.DeletedUtc == null);
        PendingComments = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        Drafts = await live.CountAsync(a => a.Status == ArticleStatus.Draft, cancellationToken);
        Scheduled = await live.CountAsync(a => a.Status == ArticleStatus.Scheduled && a.PublishedUtc > nowUtc, cancellationToken);
        Published = await live.VisibleToReaders(nowUtc).CountAsync(cancellationToken);
        var weekAgo = nowUtc.AddDays(-7);
        CommentsThisWeek = await db.Comments.CountAsync(c => c.CreatedUtc >= weekAgo, cancellationToken);
        LatestPending = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending)
                .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id).Take(5))
            .ToListAsync(cancellationToken);
    }
}
