using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Moderation;

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
        var hours = ((int)Math.Round(lifetime.TotalHours)).ToString(CultureInfo.InvariantCulture);
        var text = $"""
            You asked {SiteName} to e-mail you when someone replies in the conversation on “{article.Title}”.

            To start, confirm within {hours} hours:
            {confirmUrl}

            If you did not ask for this, ignore this message: nothing more will be sent.
            """;
        var html = Html($"""
            <p>You asked {E(SiteName)} to e-mail you when someone replies in the conversation on “{E(article.Title)}”.</p>
            <p>To start, <a href="{E(confirmUrl)}">confirm your subscription</a> within {hours} hours.</p>
            <p>If you did not ask for this, ignore this message: nothing more will be sent.</p>
            """);
        return new MailContent($"Confirm: replies on “{article.Title}”", text, html);
    }

    private MailContent ReplyMail(ArticleRef article, Comment comment, string unsubscribeThread, string unsubscribeAll)
    {
        var permalink = Permalink(article, comment);
        var text = $"""
            {comment.AuthorName} wrote in a conversation you follow on “{article.Title}”:

            {comment.BodyMarkdown}

            Read it and reply: {permalink}

            --
            Stop e-mails about this conversation: {unsubscribeThread}
            Stop all e-mails from {SiteName} to this address: {unsubscribeAll}
            """;
        var html = Html($"""
            <p>{E(comment.AuthorName)} wrote in a conversation you follow on “{E(article.Title)}”:</p>
            <blockquote style="white-space: pre-wrap">{E(comment.BodyMarkdown)}</blockquote>
            <p><a href="{E(permalink)}">Read it and reply</a></p>
            <hr>
            <p><a href="{E(unsubscribeThread)}">Stop e-mails about this conversation</a> · <a href="{E(unsubscribeAll)}">Stop all e-mails from {E(SiteName)} to this address</a></p>
            """);
        return new MailContent($"New reply on “{article.Title}”", text, html);
    }

    private MailContent ApprovalMail(ArticleRef article, Comment comment, string unsubscribeAll)
    {
        var permalink = Permalink(article, comment);
        var text = $"""
            Your comment on “{article.Title}” was approved and is now published:
            {permalink}

            --
            Stop all e-mails from {SiteName} to this address: {unsubscribeAll}
            """;
        var html = Html($"""
            <p>Your comment on “{E(article.Title)}” was approved and <a href="{E(permalink)}">is now published</a>.</p>
            <hr>
            <p><a href="{E(unsubscribeAll)}">Stop all e-mails from {E(SiteName)} to this address</a></p>
            """);
        return new MailContent($"Your comment on “{article.Title}” is published", text, html);
    }

    /// <summary>Everything put into HTML mail goes through this: names, titles and comment text are shown as typed, never as markup.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Html(string body) =>
        $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n</body></html>";
}
