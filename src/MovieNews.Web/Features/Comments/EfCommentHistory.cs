using System.Net;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

/// <summary>The moderation rules' view of stored comments.</summary>
public sealed class EfCommentHistory(MovieNewsDbContext db, IPAddress? address = null, TimeProvider? clock = null) : ICommentHistory
{
    /// <summary>Bans are few and each post reads them once: matched in memory, where a network can be tested against the live address.</summary>
    public async Task<ActiveBan?> FindBanAsync(string name, string? email, string clientHash, CancellationToken cancellationToken)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var bans = await db.Bans.AsNoTracking().Where(b => b.ExpiresUtc == null || b.ExpiresUtc > now).ToListAsync(cancellationToken);
        return BanRule.Find(bans.Select(b => b.ToRule()), name, email, clientHash, address);
    }

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

    /// <summary>
    /// Known: an author an editor trusted, or one whose name and email (ignoring the email's case) are both on an
    /// approved comment. A name alone is public (it is on every comment) and proves nothing, so without an email
    /// only an editor's trust counts.
    /// </summary>
    public async Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken)
    {
        var trustKey = TrustedAuthor.KeyFor(name, email);
        if (await db.TrustedAuthors.AnyAsync(t => t.Key == trustKey, cancellationToken))
        {
            return true;
        }

        if (email is null)
        {
            return false;
        }

        var normalized = email.ToLowerInvariant();
        // Translated to SQL lower(): the culture-aware overloads the analyzers suggest cannot be.
#pragma warning disable CA1304, CA1311, CA1862
        return await db.Comments.AsNoTracking().AnyAsync(
            c => c.Status == CommentStatus.Approved && c.AuthorName == name && c.AuthorEmail != null && c.AuthorEmail.ToLower() == normalized,
            cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
