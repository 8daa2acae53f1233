using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Review;
using MovieNews.Web.Pages.Admin.Comments;

namespace MovieNews.Web.Pages.Admin;

/// <summary>Editors see the site's queues; writers see their own articles and what the review said of them.</summary>
public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public bool ForEditors { get; private set; }
    public int PendingComments { get; private set; }
    public int WaitingForReview { get; private set; }
    public int Drafts { get; private set; }
    public int InReview { get; private set; }
    public int Scheduled { get; private set; }
    public int Published { get; private set; }
    public int CommentsThisWeek { get; private set; }
    public IReadOnlyList<QueueRow> LatestPending { get; private set; } = [];

    /// <summary>For a writer: the latest review steps on their articles.</summary>
    public IReadOnlyList<WriterNote> LatestNotes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ForEditors = ArticleAccess.IsEditor(User);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var mine = db.Articles.VisibleInAdminTo(User);
        var live = mine.Where(a => a.DeletedUtc == null);
        Drafts = await live.CountAsync(a => a.Status == ArticleStatus.Draft, cancellationToken);
        InReview = await live.CountAsync(a => a.Status == ArticleStatus.InReview, cancellationToken);
        Scheduled = await live.CountAsync(a => a.Status == ArticleStatus.Scheduled && a.PublishedUtc > nowUtc, cancellationToken);
        Published = await live.VisibleToReaders(nowUtc).CountAsync(cancellationToken);
        if (!ForEditors)
        {
            LatestNotes = await db.ReviewNotes.AsNoTracking()
                .Where(n => mine.Any(a => a.Id == n.ArticleId))
                .OrderByDescending(n => n.Id).Take(10)
                .Select(n => new WriterNote(n.ArticleId, n.Article.Title, n.Step, n.ByName, n.Text, n.CreatedUtc))
                .ToListAsync(cancellationToken);
            return;
        }

        WaitingForReview = InReview + await db.ArticleChanges.CountAsync(c => c.State == ChangeState.Pending && c.Article.DeletedUtc == null, cancellationToken);
        PendingComments = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
        var weekAgo = nowUtc.AddDays(-7);
        CommentsThisWeek = await db.Comments.CountAsync(c => c.CreatedUtc >= weekAgo, cancellationToken);
        LatestPending = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending)
                .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id).Take(5))
            .ToListAsync(cancellationToken);
    }

    public sealed record WriterNote(int ArticleId, string Title, ReviewStep Step, string ByName, string Text, DateTime CreatedUtc);
}
