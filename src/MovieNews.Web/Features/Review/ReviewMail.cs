using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Discovery;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Review;

/// <summary>
/// Tells editors that something waits for review, and writers what became of what they submitted. Queued in the
/// caller's context, so a message exists exactly when the step it tells of was saved.
/// </summary>
public sealed class ReviewMail(MovieNewsDbContext db, MailOutbox outbox, SiteUrls urls, TimeProvider clock)
{
    public async Task ToEditorsAsync(int articleId, string subject, string lead, string? note, string? exceptUserId, CancellationToken cancellationToken)
    {
        if (!outbox.Enabled)
        {
            return;
        }

        var editorRoles = Roles.Editors.Select(r => r.ToUpperInvariant()).ToList();
        var now = clock.GetUtcNow();
        var editors = await db.Users.AsNoTracking()
            .Where(u => u.Id != exceptUserId && u.Email != null)
            .Where(u => db.UserRoles.Any(link => link.UserId == u.Id && db.Roles.Any(r => r.Id == link.RoleId && editorRoles.Contains(r.NormalizedName!))))
            .Select(u => new { Email = u.Email!, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        // A disabled account (locked out) is not told; SQLite cannot compare the offsets itself.
        foreach (var email in editors.Where(e => e.LockoutEnd is null || e.LockoutEnd < now).Select(e => e.Email))
        {
            await SendAsync(email, subject, lead, note, $"/admin/review/{articleId}", SiteText.Get("Review it"), cancellationToken);
        }
    }

    public async Task ToWriterAsync(string? userId, int articleId, string subject, string lead, string? note, CancellationToken cancellationToken)
    {
        if (!outbox.Enabled || userId is null)
        {
            return;
        }

        var email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        if (email is not null)
        {
            await SendAsync(email, subject, lead, note, $"/admin/articles/edit/{articleId}", SiteText.Get("Open the article"), cancellationToken);
        }
    }

    /// <summary>After the caller's save.</summary>
    public void Wake()
    {
        if (outbox.Enabled)
        {
            outbox.Wake();
        }
    }

    private async Task SendAsync(string to, string subject, string lead, string? note, string path, string linkText, CancellationToken cancellationToken)
    {
        var link = (urls.PublicBase ?? string.Empty) + path;
        var quoted = string.IsNullOrWhiteSpace(note) ? "" : "\n\n" + SiteText.Format("“{0}”", note.Trim());
        const string Staff = "You get this because you are on the staff of {0}.";
        var text = $"{lead}{quoted}\n\n{linkText}: {link}\n\n{SiteText.Format(Staff, CommentNotices.SiteName)}\n";
        var html = $"<p>{CommentNotices.E(lead)}</p>\n"
            + (string.IsNullOrWhiteSpace(note) ? "" : $"<blockquote>{CommentNotices.E(note.Trim()).ReplaceLineEndings("<br>")}</blockquote>\n")
            + $"<p><a href=\"{CommentNotices.E(link)}\">{CommentNotices.E(linkText)}</a></p>\n"
            + $"<p>{CommentNotices.HtmlText(Staff, CommentNotices.E(CommentNotices.SiteName))}</p>\n";
        await outbox.EnqueueAsync(MailKinds.Review, to, new MailContent($"{subject} — {CommentNotices.SiteName}", text, html), null, null, cancellationToken);
    }
}
