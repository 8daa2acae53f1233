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
    DateTime? EditedUtc = null) : IThreadedComment
{
    public SafeHtml Body => SafeHtml.FromStored(BodyHtml);
    public bool IsAwaitingModeration => Status == CommentStatus.Pending;
}

public sealed record CommentPage(int ApprovedCount, int Page, int TotalPages, IReadOnlyList<CommentNode<CommentView>> Threads);

/// <summary>
/// Reads one page of an article's comment threads: the page's top-level comments, then every comment of
/// those threads in one query, built into a tree in one pass. Memory is bounded by the page, not the article.
/// </summary>
public sealed class CommentThreadReader(MovieNewsDbContext db)
{
    /// <returns>Null when the page lies past the last one.</returns>
    public async Task<CommentPage?> ReadPageAsync(
        int articleId, int page, int threadsPerPage, int maxDepth, IReadOnlyCollection<int> ownPending, CancellationToken cancellationToken)
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
            return new CommentPage(approvedCount, page, totalPages, []);
        }

        var rootIds = await roots
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Skip((page - 1) * threadsPerPage)
            .Take(threadsPerPage)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var comments = await Visible(db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == articleId && rootIds.Contains(c.ThreadRootId)), ownPending)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.AuthorWebsite, c.CreatedUtc, c.BodyHtml, c.Status, c.IsStaffReply, c.EditedUtc))
            .ToListAsync(cancellationToken);

        return new CommentPage(approvedCount, page, totalPages, CommentTree.Build(comments, maxDepth));
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
