using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

public abstract record AuthorEditResult
{
    private AuthorEditResult()
    {
    }

    public sealed record Saved(CommentStatus Status) : AuthorEditResult;
    public sealed record Refused(string Message) : AuthorEditResult;
    public sealed record NotAllowed(string Message) : AuthorEditResult;
}

/// <summary>
/// The author's own edit and delete, for a few minutes after posting (setting <c>Comments:EditWindowMinutes</c>,
/// 0 turns it off) and only while nobody has answered: an answer quotes or replies to the words as they were.
/// An edit goes through the moderation service again; the earlier text is kept for moderators.
/// </summary>
public sealed class CommentEditing(MovieNewsDbContext db, ModerationService moderation, ModerationSettings settings, IConfiguration configuration, TimeProvider clock)
{
    public TimeSpan Window { get; } = TimeSpan.FromMinutes(Math.Max(0, configuration.GetValue("Comments:EditWindowMinutes", 10)));

    public const string WindowClosedMessage = "The time to change or delete this comment has passed. If something in it must go, ask the editors (reply to it, or use the contact details on the site).";
    public string NotFromHereMessage => Site.SiteText.Format("A comment can be changed or deleted only from the browser that posted it, for {0:0} minutes after posting.", Window.TotalMinutes);

    public const string AnsweredMessage = "Someone has replied to this comment, so it can no longer be changed or deleted: the reply answers the words as they are.";

    /// <summary>The comment when its author may still change it, with the reason when not.</summary>
    public async Task<(Comment? Comment, string? Problem)> FindEditableAsync(int articleId, int commentId, IReadOnlyDictionary<int, DateTime> own, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(
            c => c.Id == commentId && c.ArticleId == articleId && (c.Status == CommentStatus.Approved || c.Status == CommentStatus.Pending), cancellationToken);
        if (comment is null)
        {
            return (null, null);
        }

        if (!own.ContainsKey(commentId))
        {
            // A held comment is nobody else's business; a published one is public, so saying why is harmless.
            return (null, comment.Status == CommentStatus.Approved ? NotFromHereMessage : null);
        }

        if (Window <= TimeSpan.Zero || comment.CreatedUtc + Window <= clock.GetUtcNow().UtcDateTime)
        {
            return (null, WindowClosedMessage);
        }

        if (await db.Comments.AnyAsync(c => c.ParentId == commentId && (c.Status == CommentStatus.Approved || c.Status == CommentStatus.Pending), cancellationToken))
        {
            return (null, AnsweredMessage);
        }

        return (comment, null);
    }

    public async Task<AuthorEditResult> EditAsync(Comment comment, string? body, CancellationToken cancellationToken)
    {
        var options = await settings.GetAsync(cancellationToken);
        if (moderation.ReviseByAuthor(body, comment.AuthorName, options, out var error) is not { } revised)
        {
            return new AuthorEditResult.Refused(error!);
        }

        if (revised.Markdown == comment.BodyMarkdown)
        {
            return new AuthorEditResult.Saved(comment.Status);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.CommentRevisions.Add(new CommentRevision { CommentId = comment.Id, BodyMarkdown = comment.BodyMarkdown, ReplacedUtc = now });
        (comment.BodyMarkdown, comment.BodyFingerprint, comment.BodyHtml, comment.EditedUtc) = (revised.Markdown, revised.Fingerprint, revised.Html.Value, now);
        if (revised.Verdict == CommentStatus.Pending && comment.Status == CommentStatus.Approved)
        {
            // Words that would have held the comment hold the edit too; a held comment stays held whatever the edit says.
            comment.Status = CommentStatus.Pending;
            comment.ModerationReasons = [.. revised.Reasons.Prepend(ModerationReasons.EditedByAuthor)];
        }

        await db.SaveChangesAsync(cancellationToken);
        return new AuthorEditResult.Saved(comment.Status);
    }

    /// <summary>Deleted by its author: moved to the trash, so moderators can still see (and restore) it.</summary>
    public async Task DeleteAsync(Comment comment, CancellationToken cancellationToken)
    {
        comment.PreviousStatus = comment.Status;
        comment.Status = CommentStatus.Trash;
        comment.ModerationReasons = [.. comment.ModerationReasons, ModerationReasons.DeletedByAuthor];
        await db.SaveChangesAsync(cancellationToken);
    }
}
