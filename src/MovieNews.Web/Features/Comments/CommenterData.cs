using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Features.Comments;

public sealed record CommenterComment(int Id, string Article, string AuthorName, string? AuthorWebsite, DateTime CreatedUtc, string Status, string Body);

/// <summary>A reader's right to see and erase what they wrote: everything found by their email address.</summary>
public sealed class CommenterData(MovieNewsDbContext db, AuditLog audit, ReaderCacheEviction cache)
{
    public const string AnonymousName = "Anonymous";
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    public Task<List<CommenterComment>> FindAsync(string email, CancellationToken cancellationToken) =>
        ByEmail(email).AsNoTracking()
            .OrderBy(c => c.CreatedUtc)
            .Select(c => new CommenterComment(c.Id, c.Article.Slug, c.AuthorName, c.AuthorWebsite, c.CreatedUtc, c.Status.ToString(), c.BodyMarkdown))
            .ToListAsync(cancellationToken);

    public async Task<string> ExportAsync(string email, CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(new { email, exportedComments = await FindAsync(email, cancellationToken) }, _indented);

    /// <summary>Keeps the conversation readable (the text stays) but removes everything that identifies the author.</summary>
    public async Task<int> AnonymiseAsync(string email, CancellationToken cancellationToken)
    {
        var articles = await ByEmail(email).Select(c => c.ArticleId).Distinct().ToListAsync(cancellationToken);
        var count = await ByEmail(email).ExecuteUpdateAsync(update => update
            .SetProperty(c => c.AuthorName, AnonymousName)
            .SetProperty(c => c.AuthorEmail, (string?)null)
            .SetProperty(c => c.AuthorWebsite, (string?)null)
            .SetProperty(c => c.ClientHash, "erased"), cancellationToken);
        await RecordAsync("privacy.anonymise", count, cancellationToken);
        await cache.CommentsChangedAsync(articles, cancellationToken);
        return count;
    }

    public async Task<int> DeleteAsync(string email, CancellationToken cancellationToken)
    {
        var articles = await ByEmail(email).Select(c => c.ArticleId).Distinct().ToListAsync(cancellationToken);
        var count = await ByEmail(email).ExecuteDeleteAsync(cancellationToken);
        await RecordAsync("privacy.delete", count, cancellationToken);
        await cache.CommentsChangedAsync(articles, cancellationToken);
        return count;
    }

    private async Task RecordAsync(string action, int count, CancellationToken cancellationToken)
    {
        // The audit entry names no email: the log must not keep what was just erased.
        audit.Record(action, $"{count} comment{(count == 1 ? "" : "s")} of one commenter");
        await db.SaveChangesAsync(cancellationToken);
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
