using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Articles;

namespace MovieNews.Web.Features.Review;

/// <summary>One step of an article's review (submitted, returned with a note, published…), shown to the writer and the editors.</summary>
public sealed class ReviewNote
{
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;

    /// <summary>Set when the step concerns a change to the live article rather than the article itself.</summary>
    public int? ChangeId { get; set; }

    public string? ById { get; set; }
    public required string ByName { get; set; }
    public ReviewStep Step { get; set; }
    public string Text { get; set; } = string.Empty;

    /// <summary>The article's version the step was taken on: a later review compares the text with the one returned then.</summary>
    public int ArticleVersion { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public enum ReviewStep
{
    Submitted = 0,
    Returned = 1,
    Published = 2,
    Withdrawn = 3,
    ChangeSubmitted = 4,
    ChangeReturned = 5,
    ChangeApplied = 6,
    ChangeDiscarded = 7,
}

internal sealed class ReviewNoteConfiguration : IEntityTypeConfiguration<ReviewNote>
{
    public void Configure(EntityTypeBuilder<ReviewNote> note)
    {
        note.HasOne(n => n.Article).WithMany().HasForeignKey(n => n.ArticleId).OnDelete(DeleteBehavior.Cascade);
        note.HasOne<ArticleChange>().WithMany().HasForeignKey(n => n.ChangeId).OnDelete(DeleteBehavior.SetNull);
        note.Property(n => n.ByName).HasMaxLength(256);
        note.Property(n => n.Text).HasMaxLength(ReviewNote.TextMaxLength);
        note.Property(n => n.Step).HasConversion<string>().HasMaxLength(24);
        note.HasIndex(n => new { n.ArticleId, n.CreatedUtc });
    }
}

public static class ReviewSteps
{
    public static string Describe(ReviewStep step) => step switch
    {
        ReviewStep.Submitted => "Submitted for review",
        ReviewStep.Returned => "Returned to the writer",
        ReviewStep.Published => "Published after review",
        ReviewStep.Withdrawn => "Taken out of review",
        ReviewStep.ChangeSubmitted => "Change submitted for review",
        ReviewStep.ChangeReturned => "Change returned to the writer",
        ReviewStep.ChangeApplied => "Change applied",
        ReviewStep.ChangeDiscarded => "Change discarded",
        _ => step.ToString(),
    };
}
