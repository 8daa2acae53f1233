using System.Text.RegularExpressions;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Every comment passes here before it is stored: normalise → validate → render → sanitize → assess → verdict.
/// No HTTP in here: the caller supplies the client's fingerprint, the settings in force and the history.
/// </summary>
public sealed class ModerationService(MarkdownRenderer renderer, TimeProvider clock)
{
    public async Task<ModerationResult> ModerateAsync(
        int articleId,
        CommentInput input,
        string clientHash,
        CommentOrigin origin,
        ModerationOptions options,
        ICommentHistory history,
        CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var policy = ModerationPolicy.For(origin);

        var comment = new NormalizedComment(
            TextNormalizer.SingleLine(input.Name),
            NullIfEmpty(TextNormalizer.SingleLine(input.Email)),
            NullIfEmpty(TextNormalizer.SingleLine(input.Website)),
            TextNormalizer.MultiLine(input.Body),
            NullIfEmpty(TextNormalizer.SingleLine(input.ParentId)));

        var errors = CommentValidator.Validate(comment, policy.BodyMaxLength);
        var placement = await PlaceAsync(articleId, comment.ParentId, options.MaxDepth, policy.ParentMustBeApproved, errors, history, cancellationToken);
        if (errors.Count > 0)
        {
            return new ModerationResult.Invalid(errors);
        }

        // A banned author is refused before anything else is judged; a shadow-banned one is stored as spam below.
        var ban = policy.RateRules ? await history.FindBanAsync(comment.Name, comment.Email, clientHash, cancellationToken) : null;
        if (ban is { Shadow: false })
        {
            return new ModerationResult.Banned(ban.ExpiresUtc);
        }

        if (policy.RateRules && options.FloodIntervalSeconds > 0
            && await history.LastCommentUtcAsync(clientHash, cancellationToken) is { } lastUtc)
        {
            var wait = lastUtc.AddSeconds(options.FloodIntervalSeconds) - nowUtc;
            if (wait > TimeSpan.Zero)
            {
                return new ModerationResult.Flooded(wait);
            }
        }

        // Sanitizing is the renderer's last step; nothing touches the HTML after it.
        RenderedComment rendered;
        try
        {
            rendered = renderer.RenderCommentWithText(comment.Body);
        }
        catch (MarkdownTooDeepException)
        {
            return new ModerationResult.Invalid(new Dictionary<string, string> { [CommentValidator.Fields.Body] = MarkdownTooDeepException.UserMessage });
        }

        // What readers will read decides a duplicate: "f&#117;n" and "fun" are the same comment.
        var fingerprint = TextFolding.Fingerprint(rendered.Text);
        if (policy.RateRules && options.DuplicateWindowMinutes > 0
            && await history.HasSameBodySinceAsync(clientHash, fingerprint, nowUtc.AddMinutes(-options.DuplicateWindowMinutes), cancellationToken))
        {
            return new ModerationResult.Duplicate();
        }

        var html = rendered.Html;
        var website = comment.Website is null ? null : CommentValidator.ParseWebsite(comment.Website)!.AbsoluteUri;
        var (verdict, reasons) = ban is null
            ? await AssessAsync(input, comment, rendered, policy, options, history, cancellationToken)
            : (CommentStatus.Spam, [ModerationReasons.Banned(ban.Reason)]);

        return new ModerationResult.Accepted(new ModeratedComment(
            comment.Name, comment.Email, website, comment.Body, fingerprint, html, verdict, reasons, placement!, Shadowed: ban is not null));
    }

    /// <summary>An editor's new text for a stored comment: normalised, validated, rendered and sanitized like any comment.</summary>
    public (string Markdown, SafeHtml Html, string Fingerprint)? Revise(string? body, out string? error) =>
        Render(body, out error) is var (markdown, rendered) ? (markdown, rendered.Html, TextFolding.Fingerprint(rendered.Text)) : null;

    /// <summary>
    /// The author's new text within the edit window: everything a new comment goes through except the rules about
    /// who posts and how often (the comment exists), so words that would hold a comment hold the edit.
    /// </summary>
    public RevisedComment? ReviseByAuthor(string? body, string authorName, ModerationOptions options, out string? error)
    {
        if (Render(body, out error) is not var (markdown, rendered))
        {
            return null;
        }

        var reasons = new List<string>();
        var blocked = new BlocklistMatcher(options.BlockedWords).Find($"{authorName}\n{markdown}\n{rendered.Text}");
        if (blocked.Count > 0)
        {
            reasons.Add(ModerationReasons.BlockedWords(blocked));
        }

        var links = CountLinks(rendered.Html.Value);
        if (options.LinkHoldThreshold > 0 && links >= options.LinkHoldThreshold)
        {
            reasons.Add(ModerationReasons.TooManyLinks(links, options.LinkHoldThreshold));
        }

        if (options.HoldAll)
        {
            reasons.Add(ModerationReasons.HoldAll);
        }

        return new RevisedComment(markdown, rendered.Html, TextFolding.Fingerprint(rendered.Text),
            reasons.Count == 0 ? CommentStatus.Approved : CommentStatus.Pending, reasons);
    }

    private (string Markdown, RenderedComment Rendered)? Render(string? body, out string? error)
    {
        var markdown = TextNormalizer.MultiLine(body);
        error = CommentValidator.ValidateBody(markdown, CommentValidator.BodyMaxLength);
        if (error is not null)
        {
            return null;
        }

        try
        {
            return (markdown, renderer.RenderCommentWithText(markdown));
        }
        catch (MarkdownTooDeepException)
        {
            error = MarkdownTooDeepException.UserMessage;
            return null;
        }
    }

    private static async Task<(CommentStatus Verdict, IReadOnlyList<string> Reasons)> AssessAsync(
        CommentInput input,
        NormalizedComment comment,
        RenderedComment rendered,
        ModerationPolicy policy,
        ModerationOptions options,
        ICommentHistory history,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(input.Homepage))
        {
            return (CommentStatus.Spam, [ModerationReasons.Honeypot]);
        }

        var reasons = new List<string>();
        // The source (link addresses, raw text) and what readers see of it (entities decoded, emphasis gone).
        var blocked = policy.ContentRules ? new BlocklistMatcher(options.BlockedWords).Find($"{comment.Name}\n{comment.Body}\n{rendered.Text}") : [];
        if (blocked.Count > 0)
        {
            reasons.Add(ModerationReasons.BlockedWords(blocked));
        }

        var links = CountLinks(rendered.Html.Value);
        if (policy.ContentRules && options.LinkHoldThreshold > 0 && links >= options.LinkHoldThreshold)
        {
            reasons.Add(ModerationReasons.TooManyLinks(links, options.LinkHoldThreshold));
        }

        if (policy.HoldPolicies && options.HoldFirstComment && !await history.IsKnownAuthorAsync(comment.Name, comment.Email, cancellationToken))
        {
            reasons.Add(ModerationReasons.FirstComment);
        }

        if (policy.HoldPolicies && options.HoldAll)
        {
            reasons.Add(ModerationReasons.HoldAll);
        }

        return (reasons.Count == 0 ? CommentStatus.Approved : CommentStatus.Pending, reasons);
    }

    /// <summary>Where a reply hangs: under its parent, or beside it when the parent is already at the deepest level.</summary>
    private static async Task<Placement?> PlaceAsync(
        int articleId, string? rawParentId, int maxDepth, bool approvedOnly, Dictionary<string, string> errors, ICommentHistory history, CancellationToken cancellationToken)
    {
        if (rawParentId is null)
        {
            return new Placement(null, 1, null);
        }

        if (CommentValidator.ParseParentId(rawParentId) is not { } parentId)
        {
            return null;
        }

        var parent = await history.FindParentAsync(articleId, parentId, approvedOnly, cancellationToken);
        if (parent is null)
        {
            errors[CommentValidator.Fields.ParentId] = "The comment you are replying to is not available.";
            return null;
        }

        return parent.Depth < Math.Max(1, maxDepth)
            ? new Placement(parent.Id, parent.Depth + 1, parent.ThreadRootId)
            : new Placement(parent.ParentId, parent.Depth, parent.ParentId is null ? null : parent.ThreadRootId);
    }

    private static int CountLinks(string html)
    {
        var count = 0;
        for (var index = html.IndexOf("<a ", StringComparison.Ordinal); index >= 0; index = html.IndexOf("<a ", index + 3, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

public static partial class ModerationReasons
{
    public const string Honeypot = "Spam trap: the hidden field that only bots fill in was filled in.";
    public const string FirstComment = "First comment from this author: held until an editor approves one.";
    public const string HoldAll = "Every comment is held for review (hold-everything is on).";
    public const string EditedByAuthor = "Edited by its author after it was published: the new text is held.";
    public const string DeletedByAuthor = "Deleted by its author within the edit window.";

    public static string Banned(string reason) => $"banned: {reason}";

    public static string BlockedWords(IEnumerable<string> words) => $"Blocked words: {string.Join(", ", words)}.";

    public static string TooManyLinks(int links, int threshold) => $"{links} links (comments with {threshold} or more are held).";

    /// <summary>
    /// A stored reason in the page's language. Reasons are stored in English as written when the comment was judged,
    /// so that history never changes with the site's language, and are put into words when an editor reads them.
    /// </summary>
    public static string Describe(string stored)
    {
        const string BannedPrefix = "banned: ";
        const string BlockedPrefix = "Blocked words: ";
        if (stored.StartsWith(BannedPrefix, StringComparison.Ordinal))
        {
            return SiteText.Format("banned: {0}", stored[BannedPrefix.Length..]);
        }

        if (stored.StartsWith(BlockedPrefix, StringComparison.Ordinal) && stored.EndsWith('.'))
        {
            return SiteText.Format("Blocked words: {0}.", stored[BlockedPrefix.Length..^1]);
        }

        if (ReportsReason().Match(stored) is { Success: true } reports)
        {
            return SiteText.Format("Held automatically: reported by {0} readers ({1}).", reports.Groups[1].Value, Tally(reports.Groups[2].Value));
        }

        return LinksReason().Match(stored) is { Success: true } links
            ? SiteText.Format("{0} links (comments with {1} or more are held).", links.Groups[1].Value, links.Groups[2].Value)
            : SiteText.Get(stored);
    }

    public static string ReportedBy(int count, string tally) => $"Held automatically: reported by {count} readers ({tally}).";

    /// <summary>Stored as "spam × 2, off-topic × 1"; shown with each reason's label in the page's words ("Spam × 2, …").</summary>
    private static string Tally(string stored) => string.Join(", ", stored.Split(", ").Select(part =>
    {
        var times = part.LastIndexOf(" × ", StringComparison.Ordinal);
        var label = times < 0 ? part : part[..times];
        var english = Enum.GetValues<Reports.ReportReason>().Select(Reports.CommentReport.Label)
            .FirstOrDefault(l => l.Equals(label, StringComparison.OrdinalIgnoreCase));
        return (english is null ? label : SiteText.Get(english)) + (times < 0 ? "" : part[times..]);
    }));

    [GeneratedRegex(@"^Held automatically: reported by ([0-9]+) readers \((.*)\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex ReportsReason();

    [GeneratedRegex(@"^([0-9]+) links \(comments with ([0-9]+) or more are held\)\.$", RegexOptions.CultureInvariant)]
    private static partial Regex LinksReason();
}

/// <summary>An author's edit as the moderation service judged it.</summary>
public sealed record RevisedComment(string Markdown, SafeHtml Html, string Fingerprint, CommentStatus Verdict, IReadOnlyList<string> Reasons);
