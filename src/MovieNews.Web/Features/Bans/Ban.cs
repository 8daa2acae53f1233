using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Bans;

/// <summary>
/// An editor's ban on a commenter. What it holds depends on its kind: an email (lower case), a name, the salted
/// hash of one client address (addresses are never stored in clear), or a network in CIDR notation — the one
/// address-like value kept as typed, because an editor chose it and a hash could not be tested against an address.
/// </summary>
public sealed class Ban
{
    public const int ValueMaxLength = 256;
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public BanKind Kind { get; set; }
    public required string Value { get; set; }
    public required string Reason { get; set; }

    /// <summary>The banned author's comments are stored as spam and shown to them alone, with no refusal.</summary>
    public bool Shadow { get; set; }

    public DateTime CreatedUtc { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>Null: until an editor expires or deletes it.</summary>
    public DateTime? ExpiresUtc { get; set; }

    /// <summary>How many past comments the ban marked as spam when it was made.</summary>
    public int RemovedComments { get; set; }

    public bool IsActive(DateTime nowUtc) => ExpiresUtc is null || ExpiresUtc > nowUtc;

    public ActiveBan ToRule() => new(Id, Kind, Value, Reason, Shadow, ExpiresUtc);
}

internal sealed class BanConfiguration : IEntityTypeConfiguration<Ban>
{
    public void Configure(EntityTypeBuilder<Ban> ban)
    {
        ban.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        ban.Property(b => b.Value).HasMaxLength(Ban.ValueMaxLength);
        ban.Property(b => b.Reason).HasMaxLength(Ban.ReasonMaxLength);
        ban.Property(b => b.CreatedBy).HasMaxLength(256);
        // Every reader's post reads the bans still in force.
        ban.HasIndex(b => b.ExpiresUtc);
    }
}
