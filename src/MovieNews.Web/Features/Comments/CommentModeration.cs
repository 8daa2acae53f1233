using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

public enum ModerationAction
{
    Approve,
    ApproveAndTrust,
    Unapprove,
    Spam,
    Trash,
    Restore,
    Delete,
}

/// <summary>What editors do to comments from the queue, one or many at a time; every change is audited.</summary>
public sealed class CommentModeration(
    MovieNewsDbContext db, CommentWriter writer, AuditLog audit, TimeProvider clock, CommentNotices notices)
{
    public async Task<int> ApplyAsync(ModerationAction action, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var comments = await db.Comments.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var comment in comments)
        {
            var before = comment.Status;
            Apply(action, comment);
            audit.Record(
                $"comment.{action.ToString().ToLowerInvariant()}",
                $"Comment #{comment.Id} by {comment.AuthorName}",
                before,
                action == ModerationAction.Delete ? "Deleted" : comment.Status);
            if (before != CommentStatus.Approved && comment.Status == CommentStatus.Approved && action != ModerationAction.Delete)
            {
                // Queued in this same save: the approval and its notices are written together or not at all.
                await notices.CommentApprovedAsync(comment, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        notices.Wake();
        return comments.Count;
    }

    /// <summary>Replaces the text, re-rendered and re-sanitized exactly as a reader's comment is.</summary>
    public async Task<string?> EditAsync(int id, string? markdown, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (comment is null)
        {
            return "That comment no longer exists.";
        }

        if (writer.Edit(comment, markdown) is { } refused)
        {
            return refused;
        }

        audit.Record("comment.edit", $"Comment #{comment.Id} by {comment.AuthorName}", comment.Status, comment.Status);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Pins an approved comment above its article's thread as an editors' pick, or unpins it. Returns why not,
    /// or null. The cache invalidation sees a visible comment change and evicts the article's pages.
    /// </summary>
    public async Task<string?> SetPickAsync(int id, bool pick, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (comment is null)
        {
            return "That comment no longer exists.";
        }

        if (pick && comment.Status != CommentStatus.Approved)
        {
            return "Approve the comment before picking it: only approved comments are shown to readers.";
        }

        if ((comment.PickedUtc is not null) == pick)
        {
            return null;
        }

        comment.PickedUtc = pick ? clock.GetUtcNow().UtcDateTime : null;
        audit.Record(pick ? "comment.pick" : "comment.unpick", $"Comment #{comment.Id} by {comment.AuthorName}", comment.Status, comment.Status);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private void Apply(ModerationAction action, Comment comment)
    {
        switch (action)
        {
            case ModerationAction.Approve:
                comment.Status = CommentStatus.Approved;
                comment.PreviousStatus = null;
                break;
            case ModerationAction.ApproveAndTrust:
                comment.Status = CommentStatus.Approved;
                comment.PreviousStatus = null;
                Trust(comment);
                break;
            case ModerationAction.Unapprove:
                comment.Status = CommentStatus.Pending;
                break;
            case ModerationAction.Spam or ModerationAction.Trash:
                if (comment.Status is not (CommentStatus.Spam or CommentStatus.Trash))
                {
                    comment.PreviousStatus = comment.Status;
                }

                comment.Status = action == ModerationAction.Spam ? CommentStatus.Spam : CommentStatus.Trash;
                break;
            case ModerationAction.Restore:
                comment.Status = comment.PreviousStatus ?? CommentStatus.Pending;
                comment.PreviousStatus = null;
                break;
            case ModerationAction.Delete:
                db.Comments.Remove(comment);
                break;
        }
    }

    private void Trust(Comment comment)
    {
        var key = TrustedAuthor.KeyFor(comment.AuthorName, comment.AuthorEmail);
        if (!db.TrustedAuthors.Local.Any(t => t.Key == key) && !db.TrustedAuthors.Any(t => t.Key == key))
        {
            db.TrustedAuthors.Add(new TrustedAuthor { Key = key, TrustedUtc = clock.GetUtcNow().UtcDateTime });
        }
    }
}
