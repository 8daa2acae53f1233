using Microsoft.AspNetCore.Identity;

namespace MovieNews.Web.Features.Accounts;

public sealed class EditorUser : IdentityUser
{
    /// <summary>The name shown on articles and staff replies.</summary>
    public string DisplayName { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }
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
