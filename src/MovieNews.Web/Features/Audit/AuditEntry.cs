using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Audit;

/// <summary>One moderation or publishing action: who, when, what, and the status before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? FromStatus { get; set; }
    public string? ToStatus { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.Subject).HasMaxLength(300);
        entry.Property(e => e.FromStatus).HasMaxLength(64);
        entry.Property(e => e.ToStatus).HasMaxLength(64);
        entry.HasIndex(e => e.AtUtc);
    }
}
