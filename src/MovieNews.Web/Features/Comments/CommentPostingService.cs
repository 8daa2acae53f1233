using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Features.Comments;

public sealed record CommentFields(string? Name, string? Email, string? Website, string? Body, string? ParentId, string? Honeypot);

public abstract record PostCommentResult
{
    private PostCommentResult()
    {
    }

    public sealed record Posted(int CommentId, CommentStatus Status, IReadOnlyList<string> Reasons) : PostCommentResult;
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : PostCommentResult;
    public sealed record Duplicate : PostCommentResult;
    public sealed record Flooded(TimeSpan RetryAfter) : PostCommentResult;
    public sealed record ArticleNotFound : PostCommentResult;
    public sealed record Closed : PostCommentResult;
}

/// <summary>The one way a comment gets stored: through the moderation service, in one transaction.</summary>
public sealed class CommentPostingService(
    MovieNewsDbContext db,
    ModerationService moderation,
    ModerationSettings settings,
    ReaderCacheEviction cache,
    TimeProvider clock)
{
    private static readonly SemaphoreSlim _writers = new(1, 1);

    private static void Refused(string reason) =>
        Telemetry.CommentsRefused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public async Task<PostCommentResult> PostAsync(
        int articleId, CommentFields fields, string clientHash, CancellationToken cancellationToken) =>
        await PostAsync(articleId, fields, clientHash, createdUtc: null, importKey: null, staff: false, cancellationToken);

    /// <summary>For importers: the comment keeps its original time and a key that makes importing idempotent.</summary>
    public async Task<PostCommentResult> PostAsync(
        int articleId,
        CommentFields fields,
        string clientHash,
        DateTime? createdUtc,
        string? importKey,
        bool staff,
        CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking()
            .VisibleToReaders(nowUtc)
            .Where(a => a.Id == articleId)
            .Select(a => new { a.CommentsOpen, PublishedUtc = a.PublishedUtc!.Value })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return new PostCommentResult.ArticleNotFound();
        }

        var options = await settings.GetAsync(cancellationToken);
        if (staff)
        {
            // Editors' replies are still normalised, validated, rendered and sanitized, but no rule holds them.
            options = new ModerationOptions { MaxDepth = options.MaxDepth, FloodIntervalSeconds = 0, DuplicateWindowMinutes = 0, LinkHoldThreshold = 0 };
        }
        else if (importKey is null && !options.AreCommentsOpen(article.CommentsOpen, article.PublishedUtc, nowUtc))
        {
            Refused("closed");
            return new PostCommentResult.Closed();
        }
        else if (importKey is not null && (options.HoldAll || options.HoldFirstComment))
        {
            // An import brings a conversation that already happened: the policies for new commenters (hold
            // everything, hold first comments) are not for it, and holding a parent would orphan its replies.
            // The content rules (blocked words, links) still apply.
            options = new ModerationOptions
            {
                FloodIntervalSeconds = options.FloodIntervalSeconds,
                DuplicateWindowMinutes = options.DuplicateWindowMinutes,
                LinkHoldThreshold = options.LinkHoldThreshold,
                BlockedWords = options.BlockedWords,
                MaxDepth = options.MaxDepth,
            };
        }

        if (db.Database.IsNpgsql())
        {
            // PostgreSQL writes concurrently, across every app instance: a transaction-scoped advisory lock on
            // the client makes that client's flood and duplicate checks and its insert one step.
            return await PostInTransactionAsync(articleId, fields, clientHash, createdUtc, importKey, staff, options, nowUtc, cancellationToken);
        }

        // SQLite takes the write lock when this transaction begins, so the flood and duplicate checks and
        // the insert happen as one step even when the same client posts twice at once. Writers also queue
        // here first: waiting in line is fairer and far quicker than SQLite's busy-retry sleeps.
        await _writers.WaitAsync(cancellationToken);
        try
        {
            return await PostInTransactionAsync(articleId, fields, clientHash, createdUtc, importKey, staff, options, nowUtc, cancellationToken);
        }
        finally
        {
            _writers.Release();
        }
    }

    private async Task<PostCommentResult> PostInTransactionAsync(
        int articleId,
        CommentFields fields,
        string clientHash,
        DateTime? createdUtc,
        string? importKey,
        bool staff,
        ModerationOptions options,
        DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientHash}, 0));", cancellationToken);
        }

        var submission = new CommentSubmission(
            articleId, fields.Name, fields.Email, fields.Website, fields.Body, fields.ParentId, fields.Honeypot, clientHash);
        var result = await moderation.ModerateAsync(submission, options, new EfCommentHistory(db), cancellationToken);
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
            BodyHtml = moderated.BodyHtml.Value,
            Status = moderated.Verdict,
            ModerationReasons = [.. moderated.Reasons],
            ClientHash = clientHash,
            CreatedUtc = createdUtc ?? nowUtc,
            ImportKey = importKey,
            IsStaffReply = staff,
        };
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        comment.ThreadRootId = moderated.Placement.ThreadRootId ?? comment.Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Telemetry.CommentsPosted.Add(1, new KeyValuePair<string, object?>("verdict", comment.Status.ToString().ToLowerInvariant()));
        if (comment.Status == CommentStatus.Approved)
        {
            await cache.CommentsChangedAsync([articleId], cancellationToken);
        }

        return new PostCommentResult.Posted(comment.Id, comment.Status, moderated.Reasons);
    }
}
