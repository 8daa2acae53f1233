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

    /// <summary>Threads cut to the page's budget (<see cref="CommentPageBudget"/>): top-level comment id → replies not shown.</summary>
    public IReadOnlyDictionary<int, int> MoreReplies { get; init; } = new Dictionary<int, int>();
}

/// <summary>One page of a thread's own pages: its top-level comment, then a budget's worth of replies, oldest first.</summary>
public sealed record CommentThreadPage(CommentView Root, int ReplyCount, int Page, int TotalPages, IReadOnlyList<CommentNode<CommentView>> Nodes)
{
    /// <summary>The address of a thread's first page.</summary>
    public static string PathFor(string slug, int rootId) => $"/articles/{slug}/comments/{rootId}/thread";
}

/// <summary>Where a comment is shown: a page of the article, or a page of its thread's own pages.</summary>
public sealed record CommentLocation(int Page, int? ThreadRootId = null);

/// <summary>
/// Reads one page of an article's comment threads: the page's top-level comments, then the comments of those
/// threads the page's budget allows (<see cref="CommentPageBudget"/>), built into a tree in one pass. Memory and
/// markup are bounded by the page, however long the article's threads grow.
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
        var pageComments = ThreadsOf(articleId, rootIds, ownPending);
        var (replyCounts, perThread) = await ShareOfBudgetAsync(pageComments, rootIds.Count, threadsPerPage, cancellationToken);
        var rows = await Project(perThread == int.MaxValue ? pageComments : pageComments.Where(c => c.ParentId == null)).ToListAsync(cancellationToken);
        if (perThread != int.MaxValue)
        {
            rows.AddRange(await Project(OldestReplies(pageComments, perThread)).ToListAsync(cancellationToken));
        }

        rows = [.. rows.OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)];
        var moreReplies = replyCounts.Where(t => t.Value > perThread).ToDictionary(t => t.Key, t => t.Value - perThread);

        // The tree is built oldest first (a parent before its replies), then its threads are put in the page's order.
        var rank = rootIds.Select((id, index) => (id, index)).ToDictionary(r => r.id, r => r.index);
        var threadOf = rows.ToDictionary(r => r.Id, r => r.ThreadRootId);
        var threads = CommentTree.Build(rows.Select(r => r.ToView(paint)), maxDepth)
            .OrderBy(n => rank.GetValueOrDefault(threadOf[n.Comment.Id], int.MaxValue))
            .ToList();
        var picks = approvedCount == 0 ? [] : await ReadPicksAsync(articleId, paint, cancellationToken);
        return new CommentPage(approvedCount, page, totalPages, threads, sort) { Picks = picks, MoreReplies = moreReplies };
    }

    /// <summary>A page of one thread: its top-level comment and <see cref="CommentPageBudget.For"/> replies, oldest first.</summary>
    /// <returns>Null when the comment is not a top-level comment this reader can see, or the page lies past the last one.</returns>
    public async Task<CommentThreadPage?> ReadThreadAsync(
        int articleId, int rootId, int page, int threadsPerPage, int maxDepth, IReadOnlyCollection<int> ownPending, CancellationToken cancellationToken)
    {
        var paint = await avatars.PainterAsync(cancellationToken);
        var root = await Project(VisibleRoots(articleId, ownPending).Where(c => c.Id == rootId)).SingleOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            return null;
        }

        var replies = Visible(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.ThreadRootId == rootId && c.ParentId != null), ownPending);
        var replyCount = await replies.CountAsync(cancellationToken);
        var budget = CommentPageBudget.For(threadsPerPage);
        var totalPages = Math.Max(1, (int)Math.Ceiling(replyCount / (double)budget));
        if (page > totalPages)
        {
            return null;
        }

        var rows = await Project(replies.OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id).Skip((page - 1) * budget).Take(budget))
            .ToListAsync(cancellationToken);
        // Replies to comments of an earlier page have no parent here: they stand after the thread, at the top level.
        var nodes = CommentTree.Build(rows.Prepend(root).Select(r => r.ToView(paint)), maxDepth);
        return new CommentThreadPage(root.ToView(paint), replyCount, page, totalPages, nodes);
    }

    private IQueryable<Comment> ThreadsOf(int articleId, List<int> rootIds, IReadOnlyCollection<int> ownPending) =>
        Visible(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && rootIds.Contains(c.ThreadRootId)), ownPending);

    /// <summary>
    /// The replies of each of a page's threads (top-level comment id → count, for threads that have any), and how
    /// many of them each thread shows within the page's budget (<see cref="int.MaxValue"/>: all of them).
    /// </summary>
    private static async Task<(Dictionary<int, int> ReplyCounts, int PerThread)> ShareOfBudgetAsync(
        IQueryable<Comment> threads, int rootCount, int threadsPerPage, CancellationToken cancellationToken)
    {
        var replyCounts = await threads.Where(c => c.ParentId != null)
            .GroupBy(c => c.ThreadRootId)
            .Select(g => new { Root = g.Key, Count = g.Count() })
            .ToDictionaryAsync(t => t.Root, t => t.Count, cancellationToken);
        return (replyCounts, CommentPageBudget.RepliesPerThread(replyCounts.Values, CommentPageBudget.For(threadsPerPage) - rootCount));
    }

    /// <summary>The oldest <paramref name="perThread"/> replies of each thread (a parent is older than its replies, so none is cut from its parent).</summary>
    private static IQueryable<Comment> OldestReplies(IQueryable<Comment> comments, int perThread) =>
        comments.Where(root => root.ParentId == null)
            .SelectMany(root => comments
                .Where(c => c.ThreadRootId == root.Id && c.ParentId != null)
                .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
                .Take(perThread));

    private static IQueryable<CommentRow> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentRow(c.Id, c.ThreadRootId, c.ParentId, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.CreatedUtc, c.BodyHtml,
            c.Status, c.IsStaffReply, c.LikeCount, c.PickedUtc != null, c.EditedUtc));

    private async Task<List<CommentView>> ReadPicksAsync(int articleId, Func<string?, Avatar> paint, CancellationToken cancellationToken)
    {
        var rows = await Project(db.Comments.AsNoTracking()
                .Where(c => c.ArticleId == articleId && c.PickedUtc != null && c.Status == CommentStatus.Approved)
                .OrderByDescending(c => c.PickedUtc).ThenBy(c => c.Id)
                .Take(MaxPicks))
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

    /// <summary>
    /// Where a comment is shown in the oldest-first order: the article's comment page of its thread, or — for a
    /// reply past what that page's budget shows of its thread — the thread's own page. Null when this reader
    /// cannot see the comment, or its thread's top comment is hidden (so it shows on no page).
    /// </summary>
    public async Task<CommentLocation?> LocateAsync(
        int articleId, int commentId, int threadsPerPage, IReadOnlyCollection<int> ownPending, CancellationToken cancellationToken)
    {
        var comment = await Visible(db.Comments.AsNoTracking().Where(c => c.Id == commentId && c.ArticleId == articleId), ownPending)
            .Select(c => new { c.Id, c.ThreadRootId, c.ParentId, c.CreatedUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return null;
        }

        var roots = VisibleRoots(articleId, ownPending);
        var root = await roots
            .Where(c => c.Id == comment.ThreadRootId)
            .Select(c => new { c.CreatedUtc, c.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            return null;
        }

        var before = await roots
            .CountAsync(c => c.CreatedUtc < root.CreatedUtc || (c.CreatedUtc == root.CreatedUtc && c.Id < root.Id), cancellationToken);
        var page = before / threadsPerPage + 1;
        if (comment.ParentId is null)
        {
            return new CommentLocation(page);
        }

        // The same share of the page's budget as ReadPageAsync gives this thread, and the reply's place in it.
        var rootIds = await Ordered(roots, CommentSort.Oldest).Skip((page - 1) * threadsPerPage).Take(threadsPerPage).Select(c => c.Id).ToListAsync(cancellationToken);
        var (_, perThread) = await ShareOfBudgetAsync(ThreadsOf(articleId, rootIds, ownPending), rootIds.Count, threadsPerPage, cancellationToken);
        var repliesBefore = await Visible(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.ThreadRootId == comment.ThreadRootId && c.ParentId != null), ownPending)
            .CountAsync(c => c.CreatedUtc < comment.CreatedUtc || (c.CreatedUtc == comment.CreatedUtc && c.Id < comment.Id), cancellationToken);
        return repliesBefore < perThread
            ? new CommentLocation(page)
            : new CommentLocation(repliesBefore / CommentPageBudget.For(threadsPerPage) + 1, comment.ThreadRootId);
    }

    private IQueryable<Comment> VisibleRoots(int articleId, IReadOnlyCollection<int> ownPending) =>
        Visible(db.Comments.AsNoTracking().Where(c => c.ArticleId == articleId && c.ParentId == null), ownPending);

    /// <summary>Approved comments, plus this reader's own held ones; without any, a plain status test the index can serve.</summary>
    private static IQueryable<Comment> Visible(IQueryable<Comment> comments, IReadOnlyCollection<int> ownPending) =>
        ownPending.Count == 0
            ? comments.Where(c => c.Status == CommentStatus.Approved)
            : comments.Where(c => c.Status == CommentStatus.Approved || ownPending.Contains(c.Id));
}
