using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Mail;

namespace MovieNews.Web.Features.Comments;

/// <param name="EarlierTexts">What the author wrote before editing the comment, oldest first.</param>
public sealed record CommenterComment(int Id, string Article, string AuthorName, string? AuthorWebsite, DateTime CreatedUtc, string Status, string Body, List<string> EarlierTexts);

/// <summary>A reader's right to see and erase what they wrote: everything found by their email address.</summary>
public sealed class CommenterData(MovieNewsDbContext db, AuditLog audit)
{
    public const string AnonymousName = "Anonymous";
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    public Task<List<CommenterComment>> FindAsync(string email, CancellationToken cancellationToken) =>
        ByEmail(email).AsNoTracking()
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Select(c => new CommenterComment(c.Id, c.Article.Slug, c.AuthorName, c.AuthorWebsite, c.CreatedUtc, c.Status.ToString(), c.BodyMarkdown,
                db.CommentRevisions.Where(r => r.CommentId == c.Id).OrderBy(r => r.ReplacedUtc).ThenBy(r => r.Id).Select(r => r.BodyMarkdown).ToList()))
            .ToListAsync(cancellationToken);

    public async Task<string> ExportAsync(string email, CancellationToken cancellationToken)
    {
        var key = OutboxMessage.AddressKeyFor(email);
        var subscriptions = await db.CommentSubscriptions.AsNoTracking().Where(s => s.AddressKey == key)
            .OrderBy(s => s.Id)
            .Select(s => new { kind = s.Kind.ToString(), article = s.Comment.Article.Slug, commentId = s.CommentId, s.Email, s.CreatedUtc, s.ConfirmedUtc })
            .ToListAsync(cancellationToken);
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.AddressKey == key)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Kind, m.Subject, m.CreatedUtc, m.SentUtc })
            .ToListAsync(cancellationToken);
        return JsonSerializer.Serialize(new { email, exportedComments = await FindAsync(email, cancellationToken), subscriptions, mails }, _indented);
    }

    /// <summary>Keeps the conversation readable (the text stays) but removes everything that identifies the author.</summary>
    // Loaded and saved rather than bulk-updated, so the change reaches readers' caches like any other save.
    public async Task<int> AnonymiseAsync(string email, CancellationToken cancellationToken)
    {
        var comments = await ByEmail(email).ToListAsync(cancellationToken);
        foreach (var comment in comments)
        {
            (comment.AuthorName, comment.AuthorEmail, comment.AuthorWebsite, comment.ClientHash) = (AnonymousName, null, null, "erased");
        }

        return await RecordAsync(email, "privacy.anonymise", comments.Count, cancellationToken);
    }

    public async Task<int> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        var comments = await ByEmail(email).ToListAsync(cancellationToken);
        db.Comments.RemoveRange(comments);
        return await RecordAsync(email, "privacy.delete", comments.Count, cancellationToken);
    }

    private async Task<int> RecordAsync(string email, string action, int count, CancellationToken cancellationToken)
    {
        // The address goes from the mail side too: its subscriptions, and its messages, sent or waiting (erasure stops them).
        var key = OutboxMessage.AddressKeyFor(email);
        db.CommentSubscriptions.RemoveRange(await db.CommentSubscriptions.Where(s => s.AddressKey == key).ToListAsync(cancellationToken));
        db.OutboxMessages.RemoveRange(await db.OutboxMessages.Where(m => m.AddressKey == key).ToListAsync(cancellationToken));
        // The audit entry names no email: the log must not keep what was just erased.
        audit.Record(action, $"{count} comment{(count == 1 ? "" : "s")} of one commenter");
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }

    private IQueryable<Comment> ByEmail(string email)
    {
        var normalized = email.Trim().ToLowerInvariant();
        // Translated to SQL lower(): the culture-aware overloads the analyzers suggest cannot be.
#pragma warning disable CA1304, CA1311, CA1862
        return db.Comments.Where(c => c.AuthorEmail != null && c.AuthorEmail.ToLower() == normalized);
#pragma warning restore CA1304, CA1311, CA1862
    }
}
