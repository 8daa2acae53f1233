namespace MovieNews.Web.Features.Moderation;

/// <summary>The <c>Moderation</c> section of configuration; docs/moderation.md describes each rule.</summary>
public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Minimum seconds between two comments from one client; 0 turns the rule off.</summary>
    public int FloodIntervalSeconds { get; set; } = 15;

    /// <summary>The same body from the same client within this window is rejected as a duplicate; 0 turns it off.</summary>
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>A comment with at least this many links is held; 0 turns the rule off.</summary>
    public int LinkHoldThreshold { get; set; } = 2;

    public List<string> BlockedWords { get; set; } = [];

    /// <summary>Hold the first comment of an author who has no approved comment yet.</summary>
    public bool HoldFirstComment { get; set; }

    /// <summary>Hold every comment for an editor.</summary>
    public bool HoldAll { get; set; }

    /// <summary>Deepest reply level shown; a reply to a comment at this depth joins that comment's parent.</summary>
    public int MaxDepth { get; set; } = 5;

    /// <summary>Top-level threads per comment page.</summary>
    public int CommentsPerPage { get; set; } = 50;

    /// <summary>Close comments on articles published more than this many days ago; 0 keeps them open.</summary>
    public int CloseCommentsAfterDays { get; set; }

    public bool AreCommentsOpen(bool openOnArticle, DateTime publishedUtc, DateTime nowUtc) =>
        openOnArticle && (CloseCommentsAfterDays <= 0 || publishedUtc.AddDays(CloseCommentsAfterDays) > nowUtc);
}
