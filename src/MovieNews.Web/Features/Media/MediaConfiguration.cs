using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Media;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> item)
    {
        item.ToTable("MediaItems");
        item.Property(m => m.FileName).HasMaxLength(MediaItem.FileNameMaxLength);
        item.Property(m => m.AltText).HasMaxLength(MediaItem.AltTextMaxLength);
        item.Property(m => m.Caption).HasMaxLength(MediaItem.CaptionMaxLength);
        item.Property(m => m.Credit).HasMaxLength(MediaItem.CreditMaxLength);
        item.Property(m => m.UploadedBy).HasMaxLength(256);
        item.Property(m => m.SourceFormat).HasConversion<string>().HasMaxLength(8);
        item.Property(m => m.ImportKey).HasMaxLength(MediaItem.ImportKeyMaxLength);
        item.HasIndex(m => m.CreatedUtc);
        item.HasIndex(m => m.ImportKey).IsUnique();
        item.HasMany(m => m.Variants).WithOne().HasForeignKey(v => v.MediaItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> variant)
    {
        variant.ToTable("MediaVariants");
        variant.Property(v => v.Purpose).HasConversion<string>().HasMaxLength(8);
        variant.Property(v => v.Key).HasMaxLength(MediaVariant.KeyLength);
        variant.HasIndex(v => v.Key);
    }
}

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> blob)
    {
        blob.ToTable("MediaBlobs");
        blob.HasKey(b => b.Key);
        blob.Property(b => b.Key).HasMaxLength(MediaVariant.KeyLength);
    }
}
