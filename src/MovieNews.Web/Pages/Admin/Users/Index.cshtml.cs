using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Users;

/// <summary>Admins only (see the folder convention): create users, name them, change roles, disable, reset passwords.</summary>
public sealed class IndexModel(UserManager<EditorUser> users, FirstAdmin accounts, AuditLog audit, MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Field errors of the add-a-user form, by field name.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The row whose display-name form was refused, with what was typed and why.</summary>
    public RefusedName? RefusedRename { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var name = DisplayNames.Check(DisplayName);
        if (name.Problem is not null)
        {
            Errors[nameof(DisplayName)] = SiteText.Get(name.Problem);
        }

        if (string.IsNullOrWhiteSpace(Email))
        {
            Errors[nameof(Email)] = SiteText.Get("Enter the user's email address: they sign in with it.");
        }

        if (Roles.All.All(r => r != Role))
        {
            Errors[nameof(Role)] = SiteText.Get("Choose a role: Admin, Editor, Author or Contributor.");
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors[nameof(Password)] = SiteText.Get("Enter a password of at least 12 characters.");
        }

        if (Errors.Count > 0)
        {
            return await FailAsync(SiteText.Get("The user was not added: please check the fields marked below."), cancellationToken);
        }

        var result = await accounts.CreateAsync(Email!.Trim(), Password!, Role!, name.Name);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = FieldOf(error.Code);
                // Identity's refusals come in the site's words already (SiteIdentityErrors); ours carry their English text.
                var description = error.Code is FirstAdmin.InvalidDisplayName or "EmailTooLong" ? SiteText.Get(error.Description) : error.Description;
                Errors[field] = Errors.TryGetValue(field, out var earlier) ? $"{earlier} {description}" : description;
            }

            return await FailAsync(SiteText.Get("The user was not added: please check the fields marked below."), cancellationToken);
        }

        return await DoneAsync("user.create", Email.Trim(), null, Role, SiteText.Format("Created {0} {1}, signing as “{2}”.", RoleName(Role!), Email.Trim(), name.Name!));
    }

    public async Task<IActionResult> OnPostNameAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return await FailAsync(SiteText.Get("Choose a user."), cancellationToken);
        }

        var name = DisplayNames.Check(DisplayName);
        if (name.Problem is not null)
        {
            var problem = SiteText.Get(name.Problem);
            RefusedRename = new RefusedName(user.Id, DisplayName, problem);
            return await FailAsync(SiteText.Format("The display name of {0} was not changed: {1}", user.Email!, problem), cancellationToken);
        }

        var before = user.DisplayName;
        user.DisplayName = name.Name!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return await FailAsync(FirstAdmin.Describe(result), cancellationToken);
        }

        await Features.Authors.Bylines.RefreshForAsync(db, user.Id, cancellationToken);
        return await DoneAsync("user.display-name", $"{user.Email}: “{before}” → “{user.DisplayName}”", null, null,
            SiteText.Format("{0} now signs as “{1}”, on their author page and on the bylines made from authors' names; typed bylines keep their text.", user.Email!, user.DisplayName));
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || Roles.All.All(r => r != Role))
        {
            return await FailAsync(SiteText.Get("Choose a user and a role."), cancellationToken);
        }

        var before = (await users.GetRolesAsync(user)).FirstOrDefault();
        if (before == Roles.Admin && Role != Roles.Admin && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
        {
            return await FailAsync(SiteText.Get("Keep at least one admin."), cancellationToken);
        }

        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, Role!);
        await users.UpdateSecurityStampAsync(user);
        return await DoneAsync("user.role", user.Email!, before, Role, SiteText.Format("{0} is now {1}.", user.Email!, RoleName(Role!)));
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, bool disable, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || (disable && user.Id == users.GetUserId(User)))
        {
            return await FailAsync(SiteText.Get("You cannot disable your own account."), cancellationToken);
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, disable ? DateTimeOffset.MaxValue : null);
        // Disabling also ends every session the user has.
        await users.UpdateSecurityStampAsync(user);
        return await DoneAsync(disable ? "user.disable" : "user.enable", user.Email!, null, null,
            disable ? SiteText.Format("{0} disabled.", user.Email!) : SiteText.Format("{0} enabled.", user.Email!));
    }

    public async Task<IActionResult> OnPostResetAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || string.IsNullOrEmpty(Password))
        {
            return await FailAsync(SiteText.Get("Enter the new password."), cancellationToken);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, Password);
        return result.Succeeded
            ? await DoneAsync("user.reset-password", user.Email!, null, null, SiteText.Format("Password reset for {0}.", user.Email!))
            : await FailAsync(FirstAdmin.Describe(result), cancellationToken);
    }

    /// <summary>A role as people read it; the Admin role keeps its English name in every language.</summary>
    public static string RoleName(string role) => role == Roles.Admin ? role : SiteText.Get(role);

    /// <summary>Which field of the add-a-user form an Identity error belongs to.</summary>
    private static string FieldOf(string code) => code switch
    {
        FirstAdmin.InvalidDisplayName => nameof(DisplayName),
        _ when code.StartsWith("Password", StringComparison.Ordinal) => nameof(Password),
        _ => nameof(Email),
    };

    private async Task<IActionResult> DoneAsync(string action, string subject, string? before, string? after, string message)
    {
        audit.Record(action, subject, before, after);
        await db.SaveChangesAsync();
        TempData["Message"] = message;
        return Redirect("/admin/users");
    }

    private async Task<IActionResult> FailAsync(string message, CancellationToken cancellationToken)
    {
        Error = message;
        Password = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow();
        var roleNames = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken))
            .Select(u => new UserRow(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName,
                roleNames.Where(r => r.UserId == u.Id).Select(r => r.Name).FirstOrDefault() ?? "—",
                u.LockoutEnd is { } end && end > nowUtc.AddYears(100)))
            .ToList();
    }

    public sealed record UserRow(string Id, string Email, string DisplayName, string Role, bool Disabled);

    public sealed record RefusedName(string UserId, string? Typed, string Problem);
}
