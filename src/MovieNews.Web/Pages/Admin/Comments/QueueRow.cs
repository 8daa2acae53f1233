using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Site;

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

    /// <summary>The action's name on its button, in the site's language.</summary>
    public static string Label(ModerationAction action) => action switch
    {
        ModerationAction.Approve => SiteText.Get("Approve"),
        ModerationAction.ApproveAndTrust => SiteText.Get("Approve and trust author"),
        ModerationAction.Unapprove => SiteText.Get("Unapprove"),
        ModerationAction.Spam => SiteText.Get("Mark as spam"),
        ModerationAction.Trash => SiteText.Get("Move to trash"),
        ModerationAction.Restore => SiteText.Get("Restore"),
        ModerationAction.Delete => SiteText.Get("Delete permanently"),
        _ => action.ToString(),
    };

    /// <summary>A status's name on the queue's tabs and rows, in the site's language.</summary>
    public static string StatusLabel(CommentStatus status) => status switch
    {
        // "pending" is already one of the words (the admin menu's badge), and no two keys may differ only in case.
        CommentStatus.Pending => SiteText.Capitalized("pending"),
        CommentStatus.Approved => SiteText.Get("Approved"),
        CommentStatus.Spam => SiteText.Get("Spam"),
        CommentStatus.Rejected => SiteText.Get("Rejected"),
        CommentStatus.Trash => SiteText.Get("Trash"),
        _ => status.ToString(),
    };

    public static IQueryable<QueueRow> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new QueueRow(
            c.Id, c.Article.Title, c.Article.Slug, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.ClientHash,
            c.CreatedUtc, c.BodyHtml, c.ModerationReasons, c.Status, c.IsStaffReply));
}
