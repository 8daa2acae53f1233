using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Reports;

/// <summary>Who is reporting: the salted client hash, and a salted hash of their saved commenter details when they have any.</summary>
public sealed record Reporter(string ClientHash, string? CommenterKey);

public abstract record ReportResult
{
    private ReportResult()
    {
    }

    /// <summary>Counted; <paramref name="Held"/> when this report was the one that held the comment.</summary>
    public sealed record Reported(bool Held) : ReportResult;

    /// <summary>This reader (this address, or these saved details) already reported this comment: nothing more counted.</summary>
    public sealed record AlreadyReported : ReportResult;

    /// <summary>Field name → message; nothing stored.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : ReportResult;

    /// <summary>No comment readers can see by that id on that article.</summary>
    public sealed record NotFound : ReportResult;
}

/// <summary>A reported comment as the Reported tab lists it: how many readers, for which reasons, with their notes.</summary>
public sealed record ReportSummary(int CommentId, int Count, IReadOnlyList<(ReportReason Reason, int Count)> Reasons, IReadOnlyList<ReportNote> Notes);

public sealed record ReportNote(ReportReason Reason, string Note, DateTime CreatedUtc);

/// <summary>
/// Readers' reports: counted once per reader per comment, and after <c>Comments:ReportsToHold</c> distinct readers
/// an approved comment is held for an editor (the status change evicts its article's cached pages like any other).
/// </summary>
public sealed class CommentReports(MovieNewsDbContext db, AuditLog audit, TimeProvider clock, IConfiguration configuration, CommentLikeFlusher scores)
{
    public const string FieldReason = "Reason";
    public const string FieldNote = "Note";

    /// <summary>0 turns automatic holding off.</summary>
    public int ReportsToHold { get; } = Math.Max(0, configuration.GetValue("Comments:ReportsToHold", 3));

    /// <summary>The one place reasons are read from the form: exactly a name, never a number.</summary>
    public static ReportReason? ParseReason(string? raw) =>
        raw is not null && Enum.GetNames<ReportReason>().Contains(raw, StringComparer.Ordinal) ? Enum.Parse<ReportReason>(raw) : null;

    public async Task<ReportResult> ReportAsync(
        string articleSlug, int commentId, string? rawReason, string? rawNote, Reporter reporter, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var reason = ParseReason(rawReason);
        if (reason is null)
        {
            errors[FieldReason] = "Choose why you are reporting this comment.";
        }

        var note = TextNormalizer.MultiLine(rawNote);
        if (note.Length > CommentReport.NoteMaxLength)
        {
            errors[FieldNote] = SiteText.Format("Keep the note to {0} characters or fewer (it has {1}).", CommentReport.NoteMaxLength, note.Length);
        }

        if (errors.Count > 0)
        {
            return new ReportResult.Invalid(errors);
        }

        // BEGIN IMMEDIATE on SQLite; on PostgreSQL a lock on the comment: counting and holding are one step.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(1297, {commentId});", cancellationToken);
        }

        var comment = await db.Comments
            .Where(c => c.Id == commentId && c.Article.Slug == articleSlug && c.Status == CommentStatus.Approved)
            .SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return new ReportResult.NotFound();
        }

        if (await db.CommentReports.AnyAsync(
            r => r.CommentId == commentId && (r.ClientHash == reporter.ClientHash || (reporter.CommenterKey != null && r.CommenterKey == reporter.CommenterKey)),
            cancellationToken))
        {
            return new ReportResult.AlreadyReported();
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        db.CommentReports.Add(new CommentReport
        {
            CommentId = commentId,
            ClientHash = reporter.ClientHash,
            CommenterKey = reporter.CommenterKey,
            Reason = reason!.Value,
            Note = note.Length == 0 ? null : note,
            CreatedUtc = nowUtc,
        });
        await db.SaveChangesAsync(cancellationToken);

        var held = false;
        if (ReportsToHold > 0)
        {
            var open = await db.CommentReports.Where(r => r.CommentId == commentId && r.DismissedUtc == null)
                .GroupBy(r => r.Reason).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var count = open.Sum(g => g.Count);
            if (count >= ReportsToHold)
            {
                var tally = string.Join(", ", open.OrderByDescending(g => g.Count).Select(g => $"{CommentReport.Label(g.Key).ToLowerInvariant()} × {g.Count}"));
                comment.Status = CommentStatus.Pending;
                comment.ModerationReasons = [.. comment.ModerationReasons, ModerationReasons.ReportedBy(count, tally)];
                audit.Record("comment.auto-hold", $"Comment #{comment.Id} by {comment.AuthorName}: {count} reports", CommentStatus.Approved, CommentStatus.Pending);
                await db.SaveChangesAsync(cancellationToken);
                held = true;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        scores.MarkChanged(comment.ArticleId, comment.Id);
        return new ReportResult.Reported(held);
    }

    /// <summary>Clears a comment's open reports from the Reported tab (they stay stored, so the same readers cannot report again).</summary>
    public async Task<int> DismissAsync(int commentId, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId).Select(c => new { c.Id, c.ArticleId, c.AuthorName, c.Status }).SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
        {
            return 0;
        }

        var reports = await db.CommentReports.Where(r => r.CommentId == commentId && r.DismissedUtc == null).ToListAsync(cancellationToken);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        foreach (var report in reports)
        {
            report.DismissedUtc = nowUtc;
        }

        if (reports.Count > 0)
        {
            audit.Record("comment.reports-dismissed", $"{reports.Count} report{(reports.Count == 1 ? "" : "s")} on comment #{comment.Id} by {comment.AuthorName}", comment.Status, comment.Status);
            await db.SaveChangesAsync(cancellationToken);
            scores.MarkChanged(comment.ArticleId, comment.Id);
        }

        return reports.Count;
    }

    /// <summary>How many comments have reports nobody has dismissed.</summary>
    public Task<int> CountReportedAsync(CancellationToken cancellationToken) =>
        db.CommentReports.Where(r => r.DismissedUtc == null).Select(r => r.CommentId).Distinct().CountAsync(cancellationToken);

    /// <summary>One page of reported comments, most reported first, whatever their status (approved ones included).</summary>
    public async Task<(IReadOnlyList<ReportSummary> Items, int TotalCount)> ReadPageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var open = db.CommentReports.AsNoTracking().Where(r => r.DismissedUtc == null);
        var total = await open.Select(r => r.CommentId).Distinct().CountAsync(cancellationToken);
        var top = await open.GroupBy(r => r.CommentId)
            .Select(g => new { CommentId = g.Key, Count = g.Count(), Latest = g.Max(r => r.Id) })
            .OrderByDescending(g => g.Count).ThenByDescending(g => g.Latest)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var ids = top.Select(t => t.CommentId).ToList();
        var reports = await open.Where(r => ids.Contains(r.CommentId))
            .OrderBy(r => r.Id)
            .Select(r => new { r.CommentId, r.Reason, r.Note, r.CreatedUtc })
            .ToListAsync(cancellationToken);
        var items = top.Select(t =>
        {
            var mine = reports.Where(r => r.CommentId == t.CommentId).ToList();
            return new ReportSummary(
                t.CommentId,
                t.Count,
                mine.GroupBy(r => r.Reason).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).ToList(),
                mine.Where(r => r.Note is not null).Select(r => new ReportNote(r.Reason, r.Note!, r.CreatedUtc)).ToList());
        }).ToList();
        return (items, total);
    }
}
