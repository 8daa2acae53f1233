using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Articles;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Slug).HasMaxLength(Slug.MaxLength);
        article.HasIndex(a => a.Slug).IsUnique();
        article.Property(a => a.Title).HasMaxLength(200);
        article.Property(a => a.Excerpt).HasMaxLength(1000);
        article.Property(a => a.AuthorName).HasMaxLength(100);
        article.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        // Serves the published lists: not deleted, newest first, status checked in the index (covering for counts).
        article.HasIndex(a => new { a.DeletedUtc, a.PublishedUtc, a.Status });
        article.Property(a => a.Version).IsConcurrencyToken();
        article.HasMany(a => a.Tags)
            .WithMany(t => t.Articles)
            .UsingEntity("ArticleTags");
        // A picture in use cannot be deleted: the library refuses first, and the database would too.
        article.HasOne(a => a.FeaturedMedia).WithMany().HasForeignKey(a => a.FeaturedMediaId).OnDelete(DeleteBehavior.Restrict);
        // Removing a series leaves its articles standing on their own.
        article.HasOne(a => a.InSeries).WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.SetNull);
        article.HasIndex(a => new { a.SeriesId, a.SeriesPart });
        // Deleting the account keeps its articles; only the link to their starter goes.
        article.HasOne<Accounts.EditorUser>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
        article.HasIndex(a => a.CreatedById);
        article.HasMany(a => a.BodyMedia).WithMany().UsingEntity("ArticleMedia",
            right => right.HasOne(typeof(Media.MediaItem)).WithMany().HasForeignKey("MediaItemId").OnDelete(DeleteBehavior.Restrict),
            left => left.HasOne(typeof(Article)).WithMany().HasForeignKey("ArticleId").OnDelete(DeleteBehavior.Cascade));
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> tag)
    {
        tag.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
        tag.HasIndex(t => t.Slug).IsUnique();
        tag.Property(t => t.Name).HasMaxLength(60);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        revision.Property(r => r.Title).HasMaxLength(200);
        revision.Property(r => r.SavedBy).HasMaxLength(256);
        revision.HasIndex(r => new { r.ArticleId, r.Version });
    }
}
