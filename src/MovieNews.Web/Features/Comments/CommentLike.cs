namespace MovieNews.Web.Features.Comments;

/// <summary>
/// One reader's like of one comment. The reader is their salted client hash (<see cref="ClientFingerprint"/>), the
/// same one the flood rule uses: no cookie, no account, and the address itself is never stored.
/// </summary>
public sealed class CommentLike
{
    public long Id { get; set; }
    public int CommentId { get; set; }
    public required string ClientHash { get; set; }
    public DateTime CreatedUtc { get; set; }
}
