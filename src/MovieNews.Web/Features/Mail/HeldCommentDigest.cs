using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Mail;

/// <summary>
/// Tells editors who opted in (on their profile) that comments wait in the queue: at most once per
/// <c>Mail:DigestIntervalMinutes</c>, and only when comments were held since their last digest.
/// </summary>
public sealed class HeldCommentDigest(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock)
{
    private const int Listed = 20;
    private const string OnArticle = "{0} on “{1}”: {2}";
    private const string WhyYouGetThis = "You get this because you asked for it on your profile page; untick it there to stop.";

    /// <summary>Queues the digests that are due; returns how many.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        // Not a request: the digest is written in the site's language here (the change stays within this call).
        CultureInfo.CurrentUICulture = scope.ServiceProvider.GetRequiredService<SiteLanguage>().Culture;
        var db = scope.ServiceProvider.GetRequiredService<MovieNewsDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var dueBefore = now.AddMinutes(-settings.DigestIntervalMinutes);
        var due = await db.HeldCommentDigestRecipients.AsNoTracking()
            .Where(r => r.LastSentUtc == null || r.LastSentUtc <= dueBefore)
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var recipient in due)
        {
            var since = recipient.LastSentUtc ?? recipient.OptedInUtc;
            var held = await db.Comments.AsNoTracking()
                .Where(c => c.Status == CommentStatus.Pending)
                .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
                .Select(c => new { c.AuthorName, c.CreatedUtc, Article = c.Article.Title, c.BodyMarkdown })
                .Take(Listed)
                .ToListAsync(cancellationToken);
            if (!held.Any(c => c.CreatedUtc > since))
            {
                continue;
            }

            var email = await db.Users.Where(u => u.Id == recipient.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
            if (email is null)
            {
                continue;
            }

            var total = await db.Comments.CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Claimed with a conditional UPDATE: of several instances, one queues this digest.
            var won = await db.HeldCommentDigestRecipients
                .Where(r => r.UserId == recipient.UserId && r.LastSentUtc == recipient.LastSentUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSentUtc, now), cancellationToken);
            if (won != 1)
            {
                continue;
            }

            var queue = scope.ServiceProvider.GetRequiredService<SiteUrls>().PublicBase + "/admin/comments";
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            var waiting = total == 1
                ? SiteText.Format("1 comment is waiting for moderation on {0}.", CommentNotices.SiteName)
                : SiteText.Format("{0:N0} comments are waiting for moderation on {1}.", total, CommentNotices.SiteName);
            var text = new StringBuilder().Append(waiting).Append("\n\n");
            var html = new StringBuilder().Append("<p>").Append(CommentNotices.E(waiting)).Append("</p>\n<ul>\n");
            foreach (var comment in held)
            {
                var excerpt = comment.BodyMarkdown.Length > 140 ? comment.BodyMarkdown[..140] + "…" : comment.BodyMarkdown;
                text.Append("- ").Append(SiteText.Format(OnArticle, comment.AuthorName, comment.Article, excerpt.ReplaceLineEndings(" "))).Append('\n');
                html.Append("<li>").Append(CommentNotices.HtmlText(OnArticle, CommentNotices.E(comment.AuthorName), CommentNotices.E(comment.Article), CommentNotices.E(excerpt))).Append("</li>\n");
            }

            text.Append('\n').Append(SiteText.Get("Open the queue")).Append(": ").Append(queue).Append("\n\n").Append(SiteText.Get(WhyYouGetThis)).Append('\n');
            html.Append(CultureInfo.InvariantCulture, $"</ul>\n<p><a href=\"{CommentNotices.E(queue)}\">{CommentNotices.HtmlText("Open the queue")}</a></p>\n<p>{CommentNotices.HtmlText(WhyYouGetThis)}</p>");
            var subject = total == 1 ? SiteText.Get("1 comment waiting for moderation") : SiteText.Format("{0:N0} comments waiting for moderation", total);
            var bucket = (now.Ticks / TimeSpan.FromMinutes(settings.DigestIntervalMinutes).Ticks).ToString(CultureInfo.InvariantCulture);
            if (await outbox.EnqueueAsync(MailKinds.Digest, email, new MailContent(subject, text.ToString(), CommentNotices.Html(html.ToString())), $"digest:{recipient.UserId}:{bucket}", null, cancellationToken))
            {
                queued++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return queued;
    }
}
