using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

/// <summary>The moderation rules' view of stored comments.</summary>
public sealed class EfCommentHistory(MovieNewsDbContext db) : ICommentHistory
{
    public Task<ParentComment?> FindParentAsync(int articleId, int parentId, bool approvedOnly, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .Where(c => c.Id == parentId && c.ArticleId == articleId && (!approvedOnly || c.Status == CommentStatus.Approved))
            .Select(c => new ParentComment(c.Id, c.ParentId, c.Depth, c.ThreadRootId))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<DateTime?> LastCommentUtcAsync(string clientHash, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .Where(c => c.ClientHash == clientHash)
            .MaxAsync(c => (DateTime?)c.CreatedUtc, cancellationToken);

    public Task<bool> HasSameBodySinceAsync(string clientHash, string bodyFingerprint, DateTime sinceUtc, CancellationToken cancellationToken) =>
        db.Comments.AsNoTracking()
            .AnyAsync(c => c.ClientHash == clientHash && c.CreatedUtc >= sinceUtc && c.BodyFingerprint == bodyFingerprint, cancellationToken);

    public async Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken)
    {
        var trustKey = TrustedAuthor.KeyFor(name, email);
        return await db.TrustedAuthors.AnyAsync(t => t.Key == trustKey, cancellationToken)
            || await db.Comments.AsNoTracking()
                .AnyAsync(c => c.Status == CommentStatus.Approved
                    && (email != null ? c.AuthorEmail == email : c.AuthorEmail == null && c.AuthorName == name), cancellationToken);
    }
}
