using System.Net;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Features.Comments;

public abstract record PostCommentResult
{
    private PostCommentResult()
    {
    }

    /// <summary><paramref name="Shadowed"/>: stored as spam under a shadow ban; only its author is to see it.</summary>
    public sealed record Posted(int CommentId, CommentStatus Status, IReadOnlyList<string> Reasons, bool Shadowed = false) : PostCommentResult;

    /// <summary>The author is banned; nothing stored. Null: until an editor lifts it.</summary>
    public sealed record Banned(DateTime? UntilUtc) : PostCommentResult;
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : PostCommentResult;
    public sealed record Duplicate : PostCommentResult;
    public sealed record Flooded(TimeSpan RetryAfter) : PostCommentResult;
    public sealed record ArticleNotFound : PostCommentResult;
    public sealed record Closed : PostCommentResult;

    /// <summary>Why it was not stored, in words, for an import's report.</summary>
    public string Describe() => this switch
    {
        Posted => "stored",
        Invalid invalid => string.Join(" ", invalid.Errors.Select(e => $"{e.Key}: {e.Value}")),
        Duplicate => "the same text was posted moments ago",
        Flooded => "posted too soon after the previous comment",
        Banned => "the author is banned",
        Closed => "comments are closed",
        _ => "the article does not exist",
    };
}

/// <summary>The article a comment goes to, as the caller already loaded it (the page needs it for itself anyway).</summary>
public sealed record CommentTarget(int ArticleId, bool CommentsOpenOnArticle, DateTime PublishedUtc);

/// <summary>What an import knows about a comment that a live post does not: when, from where, and what became of it.</summary>
public sealed record ImportedComment(DateTime CreatedUtc, string? ImportKey, string ClientHash, CommentStatus? Status = null, IReadOnlyList<string>? Reasons = null, bool IsStaffReply = false);

/// <summary>
/// The one way a comment is stored, whatever its origin (a reader, an editor's reply, the seeds, a WordPress or
/// JSON import) and the one way its text is changed: always through the moderation service, so it is always
/// normalised, validated, rendered and sanitized; the origin picks which rules judge it.
/// </summary>
public sealed class CommentWriter(MovieNewsDbContext db, ModerationService moderation, ModerationSettings settings, TimeProvider clock, CommentNotices notices)
{
    private static readonly SemaphoreSlim _sqliteWriters = new(1, 1);

    /// <summary>A reader's comment from the public form.</summary>
    public Task<PostCommentResult> PostAsync(CommentTarget article, CommentInput input, string clientHash, CancellationToken cancellationToken) =>
        PostAsync(article, input, clientHash, address: null, cancellationToken);

    /// <summary>A reader's comment, with the live address network bans are tested against (it is never stored).</summary>
    public Task<PostCommentResult> PostAsync(CommentTarget article, CommentInput input, string clientHash, IPAddress? address, CancellationToken cancellationToken) =>
        WriteAsync(article, input, CommentOrigin.Reader, clientHash, imported: null, cancellationToken, address);

    /// <summary>An editor's reply: checked and sanitized like any comment, never held, marked as staff.</summary>
    public Task<PostCommentResult> ReplyAsStaffAsync(int articleId, CommentInput input, string staffKey, CancellationToken cancellationToken) =>
        WriteAsync(new CommentTarget(articleId, CommentsOpenOnArticle: true, DateTime.MinValue), input, CommentOrigin.Staff, staffKey, imported: null, cancellationToken);

    /// <summary>A comment from the seeds (<see cref="CommentOrigin.Seed"/>) or an import (<see cref="CommentOrigin.Import"/>).</summary>
    public Task<PostCommentResult> ImportAsync(int articleId, CommentInput input, CommentOrigin origin, ImportedComment imported, CancellationToken cancellationToken) =>
        WriteAsync(new CommentTarget(articleId, CommentsOpenOnArticle: true, DateTime.MinValue), input, origin, imported.ClientHash, imported, cancellationToken);

    /// <summary>
    /// An editor's new text for a stored comment, applied for the caller's next save (with its audit entry);
    /// returns the message for the form when the text is refused, leaving the comment as it was.
    /// </summary>
    public string? Edit(Comment comment, string? body)
    {
        if (moderation.Revise(body, out var error) is not var (markdown, html, fingerprint))
        {
            return error;
        }

        (comment.BodyMarkdown, comment.BodyFingerprint, comment.BodyHtml) = (markdown, fingerprint, html.Value);
        return null;
    }

    private async Task<PostCommentResult> WriteAsync(
        CommentTarget article, CommentInput input, CommentOrigin origin, string clientHash, ImportedComment? imported, CancellationToken cancellationToken, IPAddress? address = null)
    {
        var options = await settings.GetAsync(cancellationToken);
        if (ModerationPolicy.For(origin).ClosedArticlesRefuse
            && !options.AreCommentsOpen(article.CommentsOpenOnArticle, article.PublishedUtc, clock.GetUtcNow().UtcDateTime))
        {
            Refused("closed");
            return new PostCommentResult.Closed();
        }

        if (origin != CommentOrigin.Reader)
        {
            return await StoreAsync(article.ArticleId, input, origin, clientHash, imported, options, address, cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            // PostgreSQL writes concurrently, across every app instance: a transaction-scoped advisory lock on
            // the client (taken in StoreAsync) makes that client's flood and duplicate checks and its insert one step.
            return await StoreAsync(article.ArticleId, input, origin, clientHash, imported, options, address, cancellationToken);
        }

        // SQLite takes the write lock when the transaction begins, so the flood and duplicate checks and the
        // insert happen as one step even when the same client posts twice at once. Writers also queue here
        // first: waiting in line is fairer and far quicker than SQLite's busy-retry sleeps.
        await _sqliteWriters.WaitAsync(cancellationToken);
        try
        {
            return await StoreAsync(article.ArticleId, input, origin, clientHash, imported, options, address, cancellationToken);
        }
        finally
        {
            _sqliteWriters.Release();
        }
    }

    private async Task<PostCommentResult> StoreAsync(
        int articleId, CommentInput input, CommentOrigin origin, string clientHash, ImportedComment? imported, ModerationOptions options, IPAddress? address, CancellationToken cancellationToken)
    {
        // An import runs in a transaction of its own (all or nothing); everything else gets one here.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (origin == CommentOrigin.Reader && db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientHash}, 0));", cancellationToken);
        }

        var result = await moderation.ModerateAsync(articleId, input, clientHash, origin, options, new EfCommentHistory(db, address, clock), cancellationToken);
        switch (result)
        {
            case ModerationResult.Invalid invalid:
                Refused("invalid");
                return new PostCommentResult.Invalid(invalid.Errors);
            case ModerationResult.Duplicate:
                Refused("duplicate");
                return new PostCommentResult.Duplicate();
            case ModerationResult.Flooded flooded:
                Refused("flood");
                return new PostCommentResult.Flooded(flooded.RetryAfter);
            case ModerationResult.Banned banned:
                Refused("banned");
                return new PostCommentResult.Banned(banned.UntilUtc);
        }

        var moderated = ((ModerationResult.Accepted)result).Comment;
        var comment = new Comment
        {
            ArticleId = articleId,
            ParentId = moderated.Placement.ParentId,
            Depth = moderated.Placement.Depth,
            AuthorName = moderated.Name,
            AuthorEmail = moderated.Email,
            AuthorWebsite = moderated.Website,
            BodyMarkdown = moderated.BodyMarkdown,
            BodyFingerprint = moderated.BodyFingerprint,
            BodyHtml = moderated.BodyHtml.Value,
            Status = imported?.Status ?? moderated.Verdict,
            ModerationReasons = [.. imported?.Reasons ?? moderated.Reasons],
            ClientHash = clientHash,
            CreatedUtc = imported?.CreatedUtc ?? clock.GetUtcNow().UtcDateTime,
            ImportKey = imported?.ImportKey,
            IsStaffReply = origin == CommentOrigin.Staff || imported?.IsStaffReply == true,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        // A top-level comment is its own thread root, which needs its id first.
        comment.ThreadRootId = moderated.Placement.ThreadRootId ?? comment.Id;
        // Subscriptions it asks for and the notices it causes are written by the same save, in the same transaction.
        await notices.CommentStoredAsync(comment, input, origin, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        notices.Wake();
        Telemetry.CommentsPosted.Add(1, new KeyValuePair<string, object?>("verdict", comment.Status.ToString().ToLowerInvariant()));
        return new PostCommentResult.Posted(comment.Id, comment.Status, comment.ModerationReasons, moderated.Shadowed);
    }

    private static void Refused(string reason) =>
        Telemetry.CommentsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
