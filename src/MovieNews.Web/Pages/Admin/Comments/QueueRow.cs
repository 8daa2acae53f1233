using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Pages.Admin.Comments;

/// <summary>One comment as the moderation queue shows it: everything an editor needs to decide.</summary>
public sealed record QueueRow(
    int Id,
    string ArticleTitle,
    string ArticleSlug,
    string AuthorName,
    string? AuthorEmail,
    string? AuthorWebsite,
    string ClientHash,
    DateTime CreatedUtc,
    string BodyHtml,
    List<string> Reasons,
    CommentStatus Status,
    bool IsStaffReply)
{
    /// <summary>Sanitized when it was stored, exactly as readers see it.</summary>
    public SafeHtml Body => SafeHtml.FromStored(BodyHtml);

    public string ClientShort => ClientHash.Length > 8 ? ClientHash[..8] : ClientHash;

    public IEnumerable<ModerationAction> Actions => Status switch
    {
        CommentStatus.Pending => [ModerationAction.Approve, ModerationAction.ApproveAndTrust, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Approved => [ModerationAction.Unapprove, ModerationAction.Spam, ModerationAction.Trash],
        CommentStatus.Spam => [ModerationAction.Restore, ModerationAction.Trash, ModerationAction.Delete],
        _ => [ModerationAction.Restore, ModerationAction.Delete],
    };

    /// <summary>Takes the comment from readers or for good: drawn apart from the others.</summary>
    public static bool IsDestructive(ModerationAction action) =>
        action is ModerationAction.Spam or ModerationAction.Trash or ModerationAction.Delete;

    public static string Label(ModerationAction action) => action switch
    {
        ModerationAction.ApproveAndTrust => "Approve and trust author",
        ModerationAction.Spam => "Mark as spam",
        ModerationAction.Trash => "Move to trash",
        ModerationAction.Delete => "Delete permanently",
        _ => action.ToString(),
    };

    public static IQueryable<QueueRow> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new QueueRow(
            c.Id, c.Article.Title, c.Article.Slug, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.ClientHash,
            c.CreatedUtc, c.BodyHtml, c.ModerationReasons, c.Status, c.IsStaffReply));
}
