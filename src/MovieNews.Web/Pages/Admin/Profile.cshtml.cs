using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Mail;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin;

/// <summary>Each signed-in user's own account: the display name they sign with, and their password.</summary>
// Posts share the sign-in limit: a stolen session must not get unlimited guesses at the current password.
[EnableRateLimiting(AccountsServiceExtensions.LoginRateLimit)]
public sealed class ProfileModel(
    UserManager<EditorUser> users, SignInManager<EditorUser> signIn, AuditLog audit, MovieNewsDbContext db,
    Microsoft.Extensions.Options.IOptions<MailOptions> mail, TimeProvider clock) : PageModel
{
    public bool MailEnabled => mail.Value.Enabled;

    public double DigestIntervalMinutes => mail.Value.DigestIntervalMinutes;

    /// <summary>Whether this editor gets the digest of held comments.</summary>
    [BindProperty]
    public bool Digest { get; set; }

    public string Email { get; private set; } = string.Empty;

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>A few sentences for the author page.</summary>
    [BindProperty]
    public string? Bio { get; set; }

    /// <summary>The author page's picture: a media library item's id, or empty for none.</summary>
    [BindProperty]
    public string? PictureMediaId { get; set; }

    /// <summary>Their author page, once they have been credited on an article.</summary>
    public string? AuthorPage { get; private set; }

    public IReadOnlyList<Articles.PictureChoice> Pictures { get; private set; } = [];

    public int BioMaxLength => EditorUserConfiguration.BioMaxLength;

    public override async Task OnPageHandlerExecutionAsync(
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            AuthorPage = user.AuthorSlug is { } slug ? $"/authors/{slug}" : null;
            if (!HttpMethods.IsPost(Request.Method) || context.HandlerMethod?.Name != "Author")
            {
                Bio = user.Bio;
                PictureMediaId = user.PictureMediaId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Pictures = await Articles.PictureChoice.ListAsync(db, PictureMediaId, HttpContext.RequestAborted);
        await next();
    }

    public async Task<IActionResult> OnPostAuthorAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        DisplayName = user.DisplayName;
        var bio = Infrastructure.NulCharacters.WithoutNul(Bio)?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim() ?? string.Empty;
        if (bio.Length > BioMaxLength)
        {
            Errors[nameof(Bio)] = SiteText.Format("Keep the bio to {0} characters (it has {1}).", BioMaxLength, bio.Length);
        }

        int? picture = null;
        if (!string.IsNullOrWhiteSpace(PictureMediaId))
        {
            if (int.TryParse(PictureMediaId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && await db.MediaItems.AnyAsync(m => m.Id == id, cancellationToken))
            {
                picture = id;
            }
            else
            {
                Errors[nameof(PictureMediaId)] = SiteText.Get("That picture is no longer in the library: choose another, or none.");
            }
        }

        if (Errors.Count > 0)
        {
            return Refused();
        }

        user.Bio = bio;
        user.PictureMediaId = picture;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            Errors[nameof(Bio)] = FirstAdmin.Describe(result);
            return Refused();
        }

        audit.Record("user.author-profile", user.Email ?? user.Id);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = AuthorPage is null
            ? SiteText.Get("Saved: your bio and picture appear on your author page once you are credited on an article.")
            : SiteText.Format("Saved: your author page {0} shows your new bio and picture.", AuthorPage);
        return Redirect("/admin/profile");
    }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        DisplayName = user.DisplayName;
        Digest = await db.HeldCommentDigestRecipients.AnyAsync(r => r.UserId == user.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostDigestAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var existing = await db.HeldCommentDigestRecipients.SingleOrDefaultAsync(r => r.UserId == user.Id, cancellationToken);
        if (Digest && existing is null)
        {
            db.HeldCommentDigestRecipients.Add(new HeldCommentDigestRecipient { UserId = user.Id, OptedInUtc = clock.GetUtcNow().UtcDateTime });
        }
        else if (!Digest && existing is not null)
        {
            db.HeldCommentDigestRecipients.Remove(existing);
        }

        audit.Record(Digest ? "user.digest-on" : "user.digest-off", user.Email ?? user.Id);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = Digest
            ? SiteText.Get("Saved: you will get an email when comments are held for moderation.")
            : SiteText.Get("Saved: you will get no more emails about held comments.");
        return Redirect("/admin/profile");
    }

    public async Task<IActionResult> OnPostNameAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        var name = DisplayNames.Check(DisplayName);
        if (name.Problem is not null)
        {
            Errors[nameof(DisplayName)] = SiteText.Get(name.Problem);
            return Refused();
        }

        var before = user.DisplayName;
        user.DisplayName = name.Name!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            Errors[nameof(DisplayName)] = FirstAdmin.Describe(result);
            return Refused();
        }

        await Features.Authors.Bylines.RefreshForAsync(db, user.Id, cancellationToken);
        audit.Record("user.display-name", $"{user.Email}: “{before}” → “{user.DisplayName}”");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = SiteText.Format("Saved: you now sign as “{0}”, on your author page and on the bylines made from authors' names; typed bylines keep their text.", user.DisplayName);
        return Redirect("/admin/profile");
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        DisplayName = user.DisplayName;
        if (string.IsNullOrEmpty(CurrentPassword))
        {
            Errors[nameof(CurrentPassword)] = SiteText.Get("Enter your current password.");
        }

        if (string.IsNullOrEmpty(NewPassword) || NewPassword.Length > 1000)
        {
            Errors[nameof(NewPassword)] = SiteText.Get("Enter a new password of 12 to 1,000 characters.");
        }
        else if (NewPassword != ConfirmPassword)
        {
            Errors[nameof(ConfirmPassword)] = SiteText.Get("The two new passwords are not the same.");
        }

        if (Errors.Count > 0)
        {
            return Refused();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(CurrentPassword) : nameof(NewPassword);
                Errors[field] = field == nameof(CurrentPassword)
                    ? SiteText.Get("That is not your current password.")
                    : Errors.TryGetValue(field, out var earlier) ? $"{earlier} {error.Description}" : error.Description;
            }

            return Refused();
        }

        // The change renewed the security stamp, which ends every other session; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        audit.Record("user.change-password", user.Email ?? user.Id);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = SiteText.Get("Password changed. Any other browser signed in to your account has been signed out.");
        return Redirect("/admin/profile");
    }

    /// <summary>Shows the form again with what was typed (passwords excepted) and the messages beside their fields.</summary>
    private PageResult Refused()
    {
        CurrentPassword = NewPassword = ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
