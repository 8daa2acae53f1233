namespace MovieNews.Web.Features.Moderation;

/// <summary>A comment's standing: the moderation service decides it, editors change it.</summary>
public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
    Rejected = 3,
    Trash = 4,
}
