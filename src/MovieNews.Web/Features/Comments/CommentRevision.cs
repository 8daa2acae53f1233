namespace MovieNews.Web.Features.Comments;

/// <summary>A comment's text as it was before its author edited it: kept for moderators, never shown to readers.</summary>
public sealed class CommentRevision
{
    public int Id { get; set; }
    public int CommentId { get; set; }
    public Comment Comment { get; set; } = null!;
    public required string BodyMarkdown { get; set; }

    /// <summary>When the author replaced this text.</summary>
    public DateTime ReplacedUtc { get; set; }
}
