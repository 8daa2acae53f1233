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

    /// <summary>Writes, publishes and uploads for their own articles.</summary>
    public const string Author = "Author";

    /// <summary>Writes drafts and submits them (or changes to their live articles) for an editor's review; publishes nothing, uploads nothing.</summary>
    public const string Contributor = "Contributor";

    public static readonly string[] All = [Admin, Editor, Author, Contributor];

    /// <summary>Those who may publish, review and change any article, and moderate comments.</summary>
    public static readonly string[] Editors = [Admin, Editor];

    /// <summary>Those who may publish (their own articles, for an Author) and add to the media library.</summary>
    public static readonly string[] Publishers = [Admin, Editor, Author];

    /// <summary>What each role may do, as the users page explains it.</summary>
    public static string Describe(string role) => role switch
    {
        Admin => "everything, including users and site settings",
        Editor => "publishes and changes any article, reviews submissions, moderates comments",
        Author => "writes, publishes and uploads pictures for their own articles",
        Contributor => "writes drafts and submits them for review; cannot publish or upload",
        _ => role,
    };
}

public static class Policies
{
    /// <summary>Everyone with a role: the dashboard, their profile, and (their own, for writers) articles.</summary>
    public const string Staff = "Staff";

    /// <summary>Editors and admins: the review queue, comments, bans, the audit log and privacy requests.</summary>
    public const string Editors = "Editors";

    /// <summary>Authors, editors and admins: the media library.</summary>
    public const string Uploaders = "Uploaders";

    /// <summary>Admins only: users and site settings.</summary>
    public const string AdminOnly = "AdminOnly";
}
