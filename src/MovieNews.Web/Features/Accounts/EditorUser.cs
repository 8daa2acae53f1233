using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Accounts;

public sealed class EditorUser : IdentityUser
{
    /// <summary>The name shown on articles and staff replies; never an email address (<see cref="DisplayNames"/>).</summary>
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }

    /// <summary>The author page's address, /authors/{slug}; given the first time they are credited on an article.</summary>
    public string? AuthorSlug { get; set; }

    /// <summary>A few plain-text sentences on their author page.</summary>
    public string Bio { get; set; } = string.Empty;

    /// <summary>Their picture on the author page, from the media library.</summary>
    public int? PictureMediaId { get; set; }
    public Media.MediaItem? Picture { get; set; }
}

internal sealed class EditorUserConfiguration : IEntityTypeConfiguration<EditorUser>
{
    public const int BioMaxLength = 500;

    public void Configure(EntityTypeBuilder<EditorUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(DisplayNames.MaxLength);
        user.Property(u => u.AuthorSlug).HasMaxLength(Articles.Slug.MaxLength);
        user.HasIndex(u => u.AuthorSlug).IsUnique();
        user.Property(u => u.Bio).HasMaxLength(BioMaxLength);
        // Deleting the picture from the library leaves the profile without one.
        user.HasOne(u => u.Picture).WithMany().HasForeignKey(u => u.PictureMediaId).OnDelete(DeleteBehavior.SetNull);
    }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";

    public static readonly string[] All = [Admin, Editor];
}

public static class Policies
{
    /// <summary>Editors and admins: everything under /admin.</summary>
    public const string Staff = "Staff";

    /// <summary>Admins only: managing users.</summary>
    public const string AdminOnly = "AdminOnly";
}
