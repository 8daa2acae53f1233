using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

public sealed class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;

    /// <summary>The comment this one is shown under; null for a top-level comment.</summary>
    public int? ParentId { get; set; }

    /// <summary>The top-level comment of this thread (itself for a top-level comment); comment pages load by thread.</summary>
    public int ThreadRootId { get; set; }

    /// <summary>1 for a top-level comment.</summary>
    public int Depth { get; set; } = 1;

    public required string AuthorName { get; set; }

    /// <summary>Never shown publicly.</summary>
    public string? AuthorEmail { get; set; }

    public string? AuthorWebsite { get; set; }

    /// <summary>The body as typed (after normalising), kept so an editor can edit and re-render it.</summary>
    public required string BodyMarkdown { get; set; }

    /// <summary>The body folded for comparison (<see cref="BodyFingerprint"/>): the duplicate rule matches on it.</summary>
    public string BodyFingerprint { get; set; } = string.Empty;

    /// <summary>Sanitized HTML rendered from <see cref="BodyMarkdown"/>.</summary>
    public required string BodyHtml { get; set; }

    public CommentStatus Status { get; set; }

    /// <summary>Why the moderation service gave its verdict, for the editors' queue.</summary>
    public List<string> ModerationReasons { get; set; } = [];

    /// <summary>Salted hash of the client's IP address; the address itself is never stored.</summary>
    public required string ClientHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Where an imported comment came from (seed file, WordPress export), so importing twice adds nothing.</summary>
    public string? ImportKey { get; set; }

    /// <summary>Written by an editor from the admin area; marked as a staff reply on the public page.</summary>
    public bool IsStaffReply { get; set; }

    /// <summary>When its author last changed the text (within the edit window); readers see "edited".</summary>
    public DateTime? EditedUtc { get; set; }

    /// <summary>The status a trashed or spammed comment had, so Restore puts it back where it was.</summary>
    public CommentStatus? PreviousStatus { get; set; }

    /// <summary>
    /// Likes as last counted by <see cref="CommentLikeFlusher"/>: the rows in <see cref="CommentLike"/> are the truth,
    /// this is the displayed figure, updated in batches so a stream of likes does not evict the cached page per click.
    /// </summary>
    public int LikeCount { get; set; }

    /// <summary>The "best" sort key (<see cref="BestScore"/>), stored with <see cref="LikeCount"/> so sorting is an index read.</summary>
    public double BestScore { get; set; }

    /// <summary>Set when an editor picks the comment: it is pinned above the thread and marked in the JSON-LD.</summary>
    public DateTime? PickedUtc { get; set; }
}
