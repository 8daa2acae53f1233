using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Mail;

/// <summary>
/// The mail comments cause: the double opt-in when a reader asks to be told of replies, a notice to each
/// confirmed subscriber of a conversation when a comment in it becomes visible, and the approval notice for a held
/// comment's author. Everything is queued in the caller's context, so it is written by the same save as the comment.
/// </summary>
public sealed class CommentNotices(
    MovieNewsDbContext db, MailOutbox outbox, SubscriptionTokens tokens, SiteUrls urls, IOptions<MailOptions> options, TimeProvider clock)
{
    public const string SiteName = "MovieNews";

    public bool Enabled => outbox.Enabled;

    /// <summary>After the caller's save: this instance's sender looks at once.</summary>
    public void Wake()
    {
        if (Enabled)
        {
            outbox.Wake();
        }
    }

    /// <summary>A comment was just stored (it has its id): the subscriptions it asked for, and notices if it is visible now.</summary>
    public async Task CommentStoredAsync(Comment comment, CommentInput input, CommentOrigin origin, CancellationToken cancellationToken)
    {
        if (!Enabled || origin is not (CommentOrigin.Reader or CommentOrigin.Staff))
        {
            // Seeds and imports are conversations that already happened: nobody is told of them again.
            return;
        }

        if (origin == CommentOrigin.Reader && comment.AuthorEmail is { Length: > 0 } email && comment.Status != CommentStatus.Spam)
        {
            if (input.NotifyReplies)
            {
                await AskToConfirmAsync(comment, email, cancellationToken);
            }

            if (input.NotifyApproval && comment.Status == CommentStatus.Pending)
            {
                db.CommentSubscriptions.Add(new CommentSubscription
                {
                    Kind = SubscriptionKind.Approval,
                    Email = email,
                    AddressKey = OutboxMessage.AddressKeyFor(email),
                    ArticleId = comment.ArticleId,
                    ThreadRootId = comment.ThreadRootId,
                    CommentId = comment.Id,
                    CreatedUtc = Now,
                    // Asked with the comment itself; the one notice waits for an editor's approval.
                    ConfirmedUtc = Now,
                });
            }
        }

        if (comment.Status == CommentStatus.Approved)
        {
            await CommentVisibleAsync(comment, cancellationToken);
        }
    }

    /// <summary>An editor approved a comment that was not visible: its author's approval notice, and the conversation's subscribers.</summary>
    public async Task CommentApprovedAsync(Comment comment, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var article = await ArticleAsync(comment.ArticleId, cancellationToken);
        var asked = await db.CommentSubscriptions
            .Where(s => s.CommentId == comment.Id && s.Kind == SubscriptionKind.Approval)
            .ToListAsync(cancellationToken);
        foreach (var subscription in asked)
        {
            var unsubscribe = UnsubscribeUrl(UnsubscribeScope.Address, subscription);
            await outbox.EnqueueAsync(MailKinds.Approval, subscription.Email, ApprovalMail(article, comment, unsubscribe), $"approval:{comment.Id}:{subscription.PublicId:N}", unsubscribe, cancellationToken);
            // Its one notice is queued: nothing is kept about the address for it.
            db.CommentSubscriptions.Remove(subscription);
        }

        await CommentVisibleAsync(comment, cancellationToken);
    }

    /// <summary>A comment became visible: every confirmed subscriber of its conversation hears of it, except its own author.</summary>
    private async Task CommentVisibleAsync(Comment comment, CancellationToken cancellationToken)
    {
        var authorKey = comment.AuthorEmail is { Length: > 0 } email ? OutboxMessage.AddressKeyFor(email) : null;
        var subscribers = await db.CommentSubscriptions.AsNoTracking()
            .Where(s => s.ArticleId == comment.ArticleId && s.ThreadRootId == comment.ThreadRootId
                && s.Kind == SubscriptionKind.Replies && s.ConfirmedUtc != null && s.CommentId != comment.Id)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        if (subscribers.Count == 0)
        {
            return;
        }

        var article = await ArticleAsync(comment.ArticleId, cancellationToken);
        foreach (var subscription in subscribers.Where(s => s.AddressKey != authorKey).DistinctBy(s => s.AddressKey))
        {
            var unsubscribe = UnsubscribeUrl(UnsubscribeScope.Subscription, subscription);
            await outbox.EnqueueAsync(
                MailKinds.Reply, subscription.Email, ReplyMail(article, comment, unsubscribe, UnsubscribeUrl(UnsubscribeScope.Address, subscription)),
                $"reply:{comment.Id}:{subscription.PublicId:N}", unsubscribe, cancellationToken);
        }
    }

    private async Task AskToConfirmAsync(Comment comment, string email, CancellationToken cancellationToken)
    {
        var key = OutboxMessage.AddressKeyFor(email);
        var existing = await db.CommentSubscriptions.AnyAsync(
            s => s.AddressKey == key && s.ArticleId == comment.ArticleId && s.ThreadRootId == comment.ThreadRootId
                && s.Kind == SubscriptionKind.Replies && s.ConfirmedUtc != null,
            cancellationToken);
        if (existing)
        {
            return;
        }

        var subscription = new CommentSubscription
        {
            Kind = SubscriptionKind.Replies,
            Email = email,
            AddressKey = key,
            ArticleId = comment.ArticleId,
            ThreadRootId = comment.ThreadRootId,
            CommentId = comment.Id,
            CreatedUtc = Now,
        };
        db.CommentSubscriptions.Add(subscription);
        var article = await ArticleAsync(comment.ArticleId, cancellationToken);
        var lifetime = TimeSpan.FromHours(options.Value.ConfirmLinkHours);
        var confirm = $"{Base}/mail/confirm?token={Uri.EscapeDataString(tokens.ForConfirm(subscription.PublicId, key, lifetime))}";
        var unsubscribe = UnsubscribeUrl(UnsubscribeScope.Subscription, subscription);
        await outbox.EnqueueAsync(MailKinds.Confirm, email, ConfirmMail(article, confirm, lifetime), $"confirm:{subscription.PublicId:N}", unsubscribe, cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string Base => urls.PublicBase ?? throw new InvalidOperationException($"Mail needs {SiteUrls.Setting}.");

    private string UnsubscribeUrl(UnsubscribeScope scope, CommentSubscription subscription) =>
        $"{Base}/mail/unsubscribe?token={Uri.EscapeDataString(tokens.ForUnsubscribe(scope, subscription.PublicId, subscription.AddressKey))}";

    private Task<ArticleRef> ArticleAsync(int articleId, CancellationToken cancellationToken) =>
        db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new ArticleRef(a.Title, a.Slug)).SingleAsync(cancellationToken);

    private sealed record ArticleRef(string Title, string Slug);

    private string Permalink(ArticleRef article, Comment comment) =>
        $"{Base}/articles/{article.Slug}/comments/{comment.Id.ToString(CultureInfo.InvariantCulture)}";

    private static MailContent ConfirmMail(ArticleRef article, string confirmUrl, TimeSpan lifetime)
    {
        var hours = (int)Math.Round(lifetime.TotalHours);
        const string Asked = "You asked {0} to e-mail you when someone replies in the conversation on “{1}”.";
        const string Ignore = "If you did not ask for this, ignore this message: nothing more will be sent.";
        var text = $"""
            {SiteText.Format(Asked, SiteName, article.Title)}

            {SiteText.Format("To start, confirm within {0} hours:", hours)}
            {confirmUrl}

            {SiteText.Get(Ignore)}
            """;
        var html = Html($"""
            <p>{HtmlText(Asked, E(SiteName), E(article.Title))}</p>
            <p>{HtmlText("To start, {0}confirm your subscription{1} within {2} hours.", $"<a href=\"{E(confirmUrl)}\">", "</a>", E(hours.ToString(CultureInfo.CurrentUICulture)))}</p>
            <p>{HtmlText(Ignore)}</p>
            """);
        return new MailContent(SiteText.Format("Confirm: replies on “{0}”", article.Title), text, html);
    }

    private MailContent ReplyMail(ArticleRef article, Comment comment, string unsubscribeThread, string unsubscribeAll)
    {
        var permalink = Permalink(article, comment);
        const string Wrote = "{0} wrote in a conversation you follow on “{1}”:";
        const string StopThread = "Stop e-mails about this conversation";
        var text = $"""
            {SiteText.Format(Wrote, comment.AuthorName, article.Title)}

            {comment.BodyMarkdown}

            {SiteText.Get("Read it and reply")}: {permalink}

            --
            {SiteText.Get(StopThread)}: {unsubscribeThread}
            {SiteText.Format(StopAll, SiteName)}: {unsubscribeAll}
            """;
        var html = Html($"""
            <p>{HtmlText(Wrote, E(comment.AuthorName), E(article.Title))}</p>
            <blockquote style="white-space: pre-wrap">{E(comment.BodyMarkdown)}</blockquote>
            <p><a href="{E(permalink)}">{HtmlText("Read it and reply")}</a></p>
            <hr>
            <p><a href="{E(unsubscribeThread)}">{HtmlText(StopThread)}</a> · <a href="{E(unsubscribeAll)}">{HtmlText(StopAll, E(SiteName))}</a></p>
            """);
        return new MailContent(SiteText.Format("New reply on “{0}”", article.Title), text, html);
    }

    private MailContent ApprovalMail(ArticleRef article, Comment comment, string unsubscribeAll)
    {
        var permalink = Permalink(article, comment);
        var text = $"""
            {SiteText.Format("Your comment on “{0}” was approved and is now published:", article.Title)}
            {permalink}

            --
            {SiteText.Format(StopAll, SiteName)}: {unsubscribeAll}
            """;
        var html = Html($"""
            <p>{HtmlText("Your comment on “{0}” was approved and {1}is now published{2}.", E(article.Title), $"<a href=\"{E(permalink)}\">", "</a>")}</p>
            <hr>
            <p><a href="{E(unsubscribeAll)}">{HtmlText(StopAll, E(SiteName))}</a></p>
            """);
        return new MailContent(SiteText.Format("Your comment on “{0}” is published", article.Title), text, html);
    }

    private const string StopAll = "Stop all e-mails from {0} to this address";

    /// <summary>
    /// Words for an HTML mail in the site's language: the words are encoded, then the values put in, which the caller
    /// has encoded already (or, for a link's tags, written itself).
    /// </summary>
    internal static string HtmlText(string english, params string[] encodedValues) =>
        string.Format(CultureInfo.CurrentUICulture, E(SiteText.Get(english)), encodedValues);

    /// <summary>Everything put into HTML mail goes through this: names, titles and comment text are shown as typed, never as markup.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Html(string body) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n</body></html>";
}
