using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Comments;

namespace MovieNews.Web.Features.Reports;

/// <summary>Why a reader reported a comment.</summary>
public enum ReportReason
{
    Spam,
    Abuse,
    OffTopic,
    Other,
}

/// <summary>
/// One reader's report of one comment. The reader is known only by the salted client hash the comments use and,
/// when they saved their details, a salted hash of those: never by address, name or email.
/// </summary>
public sealed class CommentReport
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }
    public int CommentId { get; set; }
    public Comment Comment { get; set; } = null!;

    /// <summary>Salted hash of the reporter's address (<see cref="ClientFingerprint"/>); one report per comment each.</summary>
    public required string ClientHash { get; set; }

    /// <summary>Salted hash of the reporter's saved commenter details, when they had any: the same person on another address.</summary>
    public string? CommenterKey { get; set; }

    public ReportReason Reason { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Set when an editor dismissed the reports: they no longer count or show, and the reader cannot report again.</summary>
    public DateTime? DismissedUtc { get; set; }

    public static string Label(ReportReason reason) => reason switch
    {
        ReportReason.Spam => "Spam",
        ReportReason.Abuse => "Abuse or harassment",
        ReportReason.OffTopic => "Off-topic",
        _ => "Other",
    };
}

internal sealed class CommentReportConfiguration : IEntityTypeConfiguration<CommentReport>
{
    public void Configure(EntityTypeBuilder<CommentReport> report)
    {
        report.HasOne(r => r.Comment).WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        report.Property(r => r.ClientHash).HasMaxLength(64);
        report.Property(r => r.CommenterKey).HasMaxLength(64);
        report.Property(r => r.Reason).HasConversion<string>().HasMaxLength(16);
        report.Property(r => r.Note).HasMaxLength(CommentReport.NoteMaxLength);
        // Once per client per comment, even when two reports race.
        report.HasIndex(r => new { r.CommentId, r.ClientHash }).IsUnique();
        report.HasIndex(r => new { r.CommentId, r.CommenterKey });
        // The Reported tab: comments with reports nobody dismissed yet.
        report.HasIndex(r => new { r.DismissedUtc, r.CommentId });
    }
}
