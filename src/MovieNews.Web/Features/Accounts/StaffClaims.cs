using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// Puts the display name in the sign-in principal, so pages can sign things without a database read. The
/// security stamp is checked on every request, which rebuilds the principal: a renamed account's next request
/// already carries the new name.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<EditorUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<EditorUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "movienews:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(EditorUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, DisplayNames.BylineOf(user)));
        return identity;
    }
}

public static class StaffClaims
{
    /// <summary>The signed-in account's byline: its display name, never its email.</summary>
    public static string Byline(this ClaimsPrincipal user) =>
        user.FindFirstValue(StaffClaimsPrincipalFactory.DisplayNameClaim) ?? DisplayNames.Default;
}
