using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Features.Accounts;

public sealed class EditorUser : IdentityUser
{
    /// <summary>The name shown on articles and staff replies; never an email address (<see cref="DisplayNames"/>).</summary>
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }
}

internal sealed class EditorUserConfiguration : IEntityTypeConfiguration<EditorUser>
{
    public void Configure(EntityTypeBuilder<EditorUser> user) =>
        user.Property(u => u.DisplayName).HasMaxLength(DisplayNames.MaxLength);
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
