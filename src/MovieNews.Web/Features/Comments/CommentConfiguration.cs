using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Comments;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        comment.Property(c => c.AuthorName).HasMaxLength(CommentValidator.NameMaxLength);
        comment.Property(c => c.AuthorEmail).HasMaxLength(CommentValidator.EmailMaxLength);
        comment.Property(c => c.AuthorWebsite).HasMaxLength(CommentValidator.WebsiteMaxLength * 3);
        comment.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        comment.Property(c => c.ClientHash).HasMaxLength(64);
        comment.Property(c => c.BodyFingerprint).HasMaxLength(64);
        comment.Property(c => c.PreviousStatus).HasConversion<string>().HasMaxLength(16);
        comment.Property(c => c.ImportKey).HasMaxLength(200);

        // Reading: a page of an article's approved threads, oldest first.
        comment.HasIndex(c => new { c.ArticleId, c.Status, c.ParentId, c.CreatedUtc });
        comment.HasIndex(c => new { c.ArticleId, c.ThreadRootId });
        // Flood and duplicate rules look up a client's latest comments.
        comment.HasIndex(c => new { c.ClientHash, c.CreatedUtc });
        comment.HasIndex(c => c.ImportKey).IsUnique();
        // The editors' picks block reads an article's picks on every render.
        comment.HasIndex(c => new { c.ArticleId, c.PickedUtc });
    }
}

internal sealed class CommentLikeConfiguration : IEntityTypeConfiguration<CommentLike>
{
    public void Configure(EntityTypeBuilder<CommentLike> like)
    {
        like.HasOne<Comment>().WithMany().HasForeignKey(l => l.CommentId).OnDelete(DeleteBehavior.Cascade);
        like.Property(l => l.ClientHash).HasMaxLength(64);
        // One like per client per comment: a second like is refused by the database, however many instances race.
        like.HasIndex(l => new { l.CommentId, l.ClientHash }).IsUnique();
    }
}

internal sealed class CommentRevisionConfiguration : IEntityTypeConfiguration<CommentRevision>
{
    public void Configure(EntityTypeBuilder<CommentRevision> revision)
    {
        revision.HasOne(r => r.Comment).WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Cascade);
        revision.HasIndex(r => new { r.CommentId, r.ReplacedUtc });
    }
}

internal sealed class TrustedAuthorConfiguration : IEntityTypeConfiguration<TrustedAuthor>
{
    public void Configure(EntityTypeBuilder<TrustedAuthor> author)
    {
        author.Property(a => a.Key).HasMaxLength(256);
        author.HasIndex(a => a.Key).IsUnique();
    }
}
