namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// A comment's fields as somebody typed them — bound from the public form, read from a seed file or an import —
/// before anything has been checked. Everything is a string, so nothing typed is lost to a failed conversion.
/// </summary>
public sealed class CommentInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? Body { get; set; }
    public string? ParentId { get; set; }

    /// <summary>"Notify me of replies by e-mail": a subscription to the conversation, after a double opt-in (needs an e-mail).</summary>
    public bool NotifyReplies { get; set; }

    /// <summary>"If my comment is held, e-mail me when it is approved" (needs an e-mail).</summary>
    public bool NotifyApproval { get; set; }

    /// <summary>The honeypot: hidden from people, irresistible to form-filling bots.</summary>
    public string? Homepage { get; set; }
}

/// <summary>Where a comment comes from; the origin picks which rules apply to it (<see cref="ModerationPolicy"/>).</summary>
public enum CommentOrigin
{
    /// <summary>A reader through the public form: every rule.</summary>
    Reader,

    /// <summary>An editor's reply from the admin area: checked and cleaned, never held.</summary>
    Staff,

    /// <summary>The seed files: the content rules judge them, the rules for live visitors do not.</summary>
    Seed,

    /// <summary>A WordPress or JSON import: a conversation that already happened keeps the status it had.</summary>
    Import,
}

/// <summary>Which rules an origin meets. Every origin is normalised, validated, rendered and sanitized.</summary>
public sealed record ModerationPolicy(
    bool ClosedArticlesRefuse,
    bool RateRules,
    bool ContentRules,
    bool HoldPolicies,
    bool ParentMustBeApproved,
    int BodyMaxLength)
{
    /// <summary>WordPress keeps comments up to 65,525 characters; an import must not lose a long one.</summary>
    public const int ImportedBodyMaxLength = 65_525;

    public static ModerationPolicy For(CommentOrigin origin) => origin switch
    {
        CommentOrigin.Reader => new(ClosedArticlesRefuse: true, RateRules: true, ContentRules: true, HoldPolicies: true, ParentMustBeApproved: true, CommentValidator.BodyMaxLength),
        CommentOrigin.Staff => new(ClosedArticlesRefuse: false, RateRules: false, ContentRules: false, HoldPolicies: false, ParentMustBeApproved: true, CommentValidator.BodyMaxLength),
        // Holding a seeded parent for being a "first comment" would orphan its seeded replies.
        CommentOrigin.Seed => new(ClosedArticlesRefuse: false, RateRules: false, ContentRules: true, HoldPolicies: false, ParentMustBeApproved: true, CommentValidator.BodyMaxLength),
        CommentOrigin.Import => new(ClosedArticlesRefuse: false, RateRules: false, ContentRules: false, HoldPolicies: false, ParentMustBeApproved: false, ImportedBodyMaxLength),
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, null),
    };
}
