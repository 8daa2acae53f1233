using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Features.Moderation;

/// <summary>The parent a reply will actually hang from, after the depth limit is applied.</summary>
public sealed record Placement(int? ParentId, int Depth, int? ThreadRootId);

public sealed record ModeratedComment(
    string Name,
    string? Email,
    string? Website,
    string BodyMarkdown,
    string BodyFingerprint,
    SafeHtml BodyHtml,
    CommentStatus Verdict,
    IReadOnlyList<string> Reasons,
    Placement Placement,
    bool Shadowed = false);

public abstract record ModerationResult
{
    private ModerationResult()
    {
    }

    /// <summary>Store it with this verdict (approved, pending or spam).</summary>
    public sealed record Accepted(ModeratedComment Comment) : ModerationResult;

    /// <summary>Field name → message; nothing is stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : ModerationResult;

    /// <summary>The same client sent the same text moments ago; nothing is stored.</summary>
    public sealed record Duplicate : ModerationResult;

    /// <summary>The author is banned (not in shadow mode); nothing is stored. Null: until an editor lifts it.</summary>
    public sealed record Banned(DateTime? UntilUtc) : ModerationResult;

    /// <summary>Too soon after this client's previous comment; nothing is stored.</summary>
    public sealed record Flooded(TimeSpan RetryAfter) : ModerationResult;
}

/// <summary>What the rules need to know about stored comments; EF Core in the app, a fake in unit tests.</summary>
public interface ICommentHistory
{
    /// <summary>The parent comment on this article: approved only, or in any status (an import's held thread).</summary>
    Task<ParentComment?> FindParentAsync(int articleId, int parentId, bool approvedOnly, CancellationToken cancellationToken);
    Task<DateTime?> LastCommentUtcAsync(string clientHash, CancellationToken cancellationToken);
    Task<bool> HasSameBodySinceAsync(string clientHash, string bodyFingerprint, DateTime sinceUtc, CancellationToken cancellationToken);
    Task<bool> IsKnownAuthorAsync(string name, string? email, CancellationToken cancellationToken);

    /// <summary>A ban in force on this author (name, email, address hash, or the live address's network); none by default.</summary>
    Task<ActiveBan?> FindBanAsync(string name, string? email, string clientHash, CancellationToken cancellationToken) => Task.FromResult<ActiveBan?>(null);
}

public sealed record ParentComment(int Id, int? ParentId, int Depth, int ThreadRootId);
