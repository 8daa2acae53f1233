using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// How often one client may send the comment form at all, stored or not. The flood rule counts stored comments;
/// a refused one is stored nowhere, so without this a client could send costly refusals (Markdown nested to the
/// parser's limit takes it most of a second) without pause. A refusal here re-shows the form with the words kept.
/// </summary>
public sealed class CommentPostLimiter(IConfiguration configuration)
    : ClientTokenBucket(configuration, $"{Section}:PostAttemptsPerMinute", 20, $"{Section}:PostAttemptsWindowSeconds", 60)
{
    public const string Section = "Comments";
}
