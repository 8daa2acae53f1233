using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Comments;

public sealed record CommentView(
    int Id,
    int? ParentId,
    string AuthorName,
    string? AuthorWebsite,
    DateTime CreatedUtc,
    string BodyHtml,
    CommentStatus Status,
    bool IsStaffReply,
    int LikeCount,
    bool IsPick,
    Avatar Avatar,
    DateTime? EditedUtc = null) : IThreadedComment
{
    public SafeHtml Body => SafeHtml.FromStored(BodyHtml);
    public bool IsAwaitingModeration => Status == CommentStatus.Pending;
}

public sealed record CommentPage(
    int ApprovedCount, int Page, int TotalPages, IReadOnlyList<CommentNode<CommentView>> Threads, CommentSort Sort = CommentSort.Oldest)
{
    /// <summary>The editors' picks pinned above the thread, on every comment page and in every order.</summary>
    public IReadOnlyList<CommentView> Picks { get; init; } = [];
}

/// <summary>
/// Reads one page of an article's comment threads: the page's top-level comments, then every comment of
/// those threads in one query, built into a tree in one pass. Memory is bounded by the page, not the article.
/// </summary>
public sealed class CommentThreadReader(MovieNewsDbContext db, CommentAvatars avatars)
{
    /// <summary>How many picks the block above the thread shows at most, newest pick first.</summary>
    public const int MaxPicks = 5;

    /// <returns>Null when the page lies past the last one.</returns>
    public async Task<CommentPage?> ReadPageAsync(
        int articleId, int page, int threadsPerPage, int maxDepth, IReadOnlyCollection<int> ownPending, CancellationToken cancellationToken) =>
        await ReadPageAsync(articleId, page, threadsPerPage, maxDepth, ownPending, CommentSort.Oldest, cancellationToken);

    /// <summary>
    /// Top-level comments are ordered by <paramref name="sort"/>; the replies inside a thread always read oldest
    /// first, as a conversation does.
    /// </summary>
    public async Task<CommentPage?> ReadPageAsync(
        int articleId, int page, int threadsPerPage, int maxDepth, IReadOnlyCollection<int> ownPending, CommentSort sort, CancellationToken cancellationToken)
    {
        var approvedCount = await db.Comments.CountAsync(
            c => c.ArticleId == articleId && c.Status == CommentStatus.Approved, cancellationToken);
        var roots = VisibleRoots(articleId, ownPending);
        var rootCount = approvedCount == 0 && ownPending.Count == 0 ? 0 : await roots.CountAsync(cancellationToken);
        var totalPages = Math.Max(1, (int)Math.Ceiling(rootCount / (double)threadsPerPage));
        if (page > totalPages)
        {
            return null;
        }

        if (rootCount == 0)
        {
            return new CommentPage(approvedCount, page, totalPages, [], sort);
        }

        var rootIds = await Ordered(roots, sort)
            .Skip((page - 1) * threadsPerPage)
            .Take(threadsPerPage)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var paint = await avatars.PainterAsync(cancellationToken);
        var rows = await Visible(db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == articleId && rootIds.Contains(c.ThreadRootId)), ownPending)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Select(c => new CommentRow(c.Id, c.ThreadRootId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.CreatedUtc, c.BodyHtml,
                c.Status, c.IsStaffReply, c.LikeCount, c.PickedUtc != null, c.EditedUtc))
            .ToListAsync(cancellationToken);

        // The tree is built oldest first (a parent before its replies), then its threads are put in the page's order.
        var rank = rootIds.Select((id, index) => (id, index)).ToDictionary(r => r.id, r => r.index);
        var threadOf = rows.ToDictionary(r => r.Id, r => r.ThreadRootId);
        var threads = CommentTree.Build(rows.Select(r => r.ToView(paint)), maxDepth)
            .OrderBy(n => rank.GetValueOrDefault(threadOf[n.Comment.Id], int.MaxValue))
            .ToList();
        var picks = approvedCount == 0 ? [] : await ReadPicksAsync(articleId, paint, cancellationToken);
        return new CommentPage(approvedCount, page, totalPages, threads, sort) { Picks = picks };
    }

    private async Task<List<CommentView>> ReadPicksAsync(int articleId, Func<string?, Avatar> paint, CancellationToken cancellationToken)
    {
        var rows = await db.Comments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.PickedUtc != null && c.Status == CommentStatus.Approved)
            .OrderByDescending(c => c.PickedUtc).ThenBy(c => c.Id)
            .Take(MaxPicks)
            .Select(c => new CommentRow(c.Id, c.ThreadRootId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.CreatedUtc, c.BodyHtml,
                c.Status, c.IsStaffReply, c.LikeCount, true, c.EditedUtc))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToView(paint))];
    }

    private static IQueryable<Comment> Ordered(IQueryable<Comment> roots, CommentSort sort) => sort switch
    {
        CommentSort.Newest => roots.OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id),
        CommentSort.Best => roots.OrderByDescending(c => c.BestScore).ThenBy(c => c.CreatedUtc).ThenBy(c => c.Id),
        _ => roots.OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id),
    };

    /// <summary>What is read of a comment; the e-mail address goes no further than its avatar.</summary>
    private sealed record CommentRow(
        int Id, int ThreadRootId, int? ParentId, string AuthorName, string? AuthorEmail, string? AuthorWebsite, DateTime CreatedUtc,
        string BodyHtml, CommentStatus Status, bool IsStaffReply, int LikeCount, bool IsPick, DateTime? EditedUtc)
    {
        public CommentView ToView(Func<string?, Avatar> paint) =>
            new(Id, ParentId, AuthorName, AuthorWebsite, CreatedUtc, BodyHtml, Status, IsStaffReply, LikeCount, IsPick, paint(AuthorEmail), EditedUtc);
    }

    /// <summary>The comment page that shows a comment, or null when this reader cannot see the comment.</summary>
    public async Task<int?> PageOfAsync(
        int articleId, int commentId, int threadsPerPage, IReadOnlyCollection<int> ownPending, CancellationToken cancellationToken)
    {
        var comment = await Visible(db.Comments.AsNoTracking().Where(c => c.Id == commentId && c.ArticleId == articleId), ownPending)
            .Select(c => new { c.ThreadRootId })
            .SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return null;
        }

        var root = await VisibleRoots(articleId, ownPending)
            .Where(c => c.Id == comment.ThreadRootId)
            .Select(c => new { c.CreatedUtc, c.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            // The thread's top comment is hidden, so this reply shows on no page.
            return null;
        }

        var before = await VisibleRoots(articleId, ownPending)
            .CountAsync(c => c.CreatedUtc < root.CreatedUtc || (c.CreatedUtc == root.CreatedUtc && c.Id < root.Id), cancellationToken);
        return before / threadsPerPage + 1;
    }

    private IQueryable<Comment> VisibleRoots(int articleId, IReadOnlyCollection<int> ownPending) =>
        Visible(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.ParentId == null), ownPending);

    /// <summary>Approved comments, plus this reader's own held ones; without any, a plain status test the index can serve.</summary>
    private static IQueryable<Comment> Visible(IQueryable<Comment> comments, IReadOnlyCollection<int> ownPending) =>
        ownPending.Count == 0
            ? comments.Where(c => c.Status == CommentStatus.Approved)
            : comments.Where(c => c.Status == CommentStatus.Approved || ownPending.Contains(c.Id));
}
