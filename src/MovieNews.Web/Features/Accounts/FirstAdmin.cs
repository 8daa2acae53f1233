using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// A fresh install needs one admin to sign in with. It comes from <c>Admin:Email</c>, <c>Admin:Password</c> and
/// <c>Admin:DisplayName</c> (its byline; <see cref="DisplayNames.Default"/>, in the site's language, when unset, never taken from the email);
/// when the email and password are unset, the one-time setup page opens instead (<see cref="FirstRunSetup"/>).
/// </summary>
public sealed class FirstAdmin(
    UserManager<EditorUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    FirstRunSetup setup,
    TimeProvider clock,
    ILogger<FirstAdmin> logger)
{
    public const string InvalidDisplayName = nameof(InvalidDisplayName);

    /// <summary>
    /// Nothing for <see cref="EnsureAsync"/> to do: every role exists and someone holds Admin. Plain queries, so a
    /// restart need not build Identity's services before it can answer.
    /// </summary>
    public static async Task<bool> AdminExistsAsync(Data.MovieNewsDbContext db)
    {
        // Identity's default normalizer: upper case, invariant culture.
        var roleNames = Roles.All.Select(r => r.ToUpperInvariant()).ToList();
        if (await db.Roles.CountAsync(r => roleNames.Contains(r.NormalizedName!)) < roleNames.Count)
        {
            return false;
        }

        var admin = Roles.Admin.ToUpperInvariant();
        return await db.UserRoles.AnyAsync(link => db.Roles.Any(r => r.Id == link.RoleId && r.NormalizedName == admin));
    }

    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            logger.LogWarning("No admin account exists: open the setup address printed below (or set Admin__Email and Admin__Password, or run create-user).");
            setup.Open();
            return;
        }

        var displayName = configuration["Admin:DisplayName"] is { Length: > 0 } configured ? configured : SiteText.Get(DisplayNames.Default);
        if (DisplayNames.Check(displayName).Problem is { } problem)
        {
            throw new InvalidOperationException($"Admin:DisplayName cannot be used for the first admin: {problem}");
        }

        var result = await CreateAsync(email, password, Roles.Admin, displayName);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the first admin '{email}': {Describe(result)}");
        }

        logger.LogInformation("Created the first admin account {Email}", email);
    }

    public async Task<IdentityResult> CreateAsync(string email, string password, string role, string? displayName)
    {
        if (email.Length > 254)
        {
            return IdentityResult.Failed(new IdentityError { Code = "EmailTooLong", Description = "An email address has at most 254 characters." });
        }

        var name = DisplayNames.Check(displayName);
        if (name.Problem is not null)
        {
            return IdentityResult.Failed(new IdentityError { Code = InvalidDisplayName, Description = name.Problem });
        }

        var user = new EditorUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name.Name!,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        return result.Succeeded ? await users.AddToRoleAsync(user, role) : result;
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
