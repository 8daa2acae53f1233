using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Review;

/// <summary>
/// A change to a published (or scheduled) article's words (title, excerpt, tags, body), kept beside it until an
/// editor applies it: readers keep seeing the published version meanwhile. Everything else (address, credits,
/// series, picture, comments) stays the live article's, so the review shows all a change can do. At most one is
/// open per article (a unique index), and every writer of the article edits that one.
/// </summary>
public sealed class ArticleChange
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;

    /// <summary>The article's version when the change was first written: the review page says when the live article has moved on since.</summary>
    public int BaseVersion { get; set; }

    /// <summary>Bumped at every submission: an editor's decision applies only to the submission they were shown.</summary>
    public int Version { get; set; } = 1;

    public required string Title { get; set; }
    public string Excerpt { get; set; } = string.Empty;
    public required string BodyMarkdown { get; set; }

    /// <summary>The tags as the change has them, comma-separated, for the review page.</summary>
    public string Tags { get; set; } = string.Empty;

    public string? ProposedById { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public ChangeState State { get; set; }
}

public enum ChangeState
{
    /// <summary>Waiting for an editor.</summary>
    Pending = 0,

    /// <summary>Sent back to the writer with a note; the writer's next submission makes it pending again.</summary>
    Returned = 1,
    Applied = 2,
    Discarded = 3,
}

internal sealed class ArticleChangeConfiguration : IEntityTypeConfiguration<ArticleChange>
{
    public void Configure(EntityTypeBuilder<ArticleChange> change)
    {
        change.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        change.Property(c => c.Title).HasMaxLength(200);
        change.Property(c => c.Excerpt).HasMaxLength(1000);
        change.Property(c => c.Tags).HasMaxLength(2000);
        change.Property(c => c.ProposedBy).HasMaxLength(256);
        change.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        // One open change per article, whatever the timing of two submissions (same SQL on both engines).
        change.HasIndex(c => c.ArticleId).IsUnique().HasFilter("\"State\" IN ('Pending', 'Returned')").HasDatabaseName("IX_ArticleChanges_OneOpenPerArticle");
        change.HasIndex(c => new { c.ArticleId, c.State });
        change.HasIndex(c => new { c.State, c.UpdatedUtc });
    }
}
