using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Accounts;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Setup;

/// <summary>
/// The first run: while no admin exists, whoever has the address printed at start (its token) creates the first
/// admin here and is signed in. Without the token, or once an admin exists, the page is not there (404).
/// </summary>
[EnableRateLimiting(AccountsServiceExtensions.LoginRateLimit)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    FirstRunSetup setup, FirstAdmin firstAdmin, MovieNewsDbContext db, UserManager<EditorUser> users,
    SignInManager<EditorUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync() => await IsOpenAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await IsOpenAsync())
        {
            return NotFound();
        }

        var email = Email?.Trim() ?? string.Empty;
        if (email.Length is < 3 or > 254 || !MimeKit.MailboxAddress.TryParse(email, out var parsed) || parsed.Address != email)
        {
            Errors[nameof(Email)] = SiteText.Get("Enter the email address you will sign in with, like you@example.com.");
        }

        if (DisplayNames.Check(DisplayName).Problem is { } nameProblem)
        {
            Errors[nameof(DisplayName)] = SiteText.Get(nameProblem);
        }

        if (Password is not { Length: >= 12 and <= 1000 })
        {
            Errors[nameof(Password)] = SiteText.Format("Choose a password of {0} to {1:N0} characters.", 12, 1000);
        }
        else if (Password != ConfirmPassword)
        {
            Errors[nameof(ConfirmPassword)] = SiteText.Get("The two passwords are not the same.");
        }

        if (Errors.Count > 0)
        {
            return Refused();
        }

        // One attempt at a time holds the token: two posts at once cannot both create an admin.
        if (!setup.TryClaim(Token))
        {
            return NotFound();
        }

        var result = await firstAdmin.CreateAsync(email, Password!, Roles.Admin, DisplayName);
        if (!result.Succeeded)
        {
            setup.Reopen();
            Errors[result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? nameof(Password) : nameof(Email)] = FirstAdmin.Describe(result);
            return Refused();
        }

        setup.Close();
        var admin = await users.FindByEmailAsync(email);
        await signIn.SignInAsync(admin!, isPersistent: false);
        audit.Record("user.setup", $"First admin {email} created on the setup page");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Message"] = SiteText.Format("Welcome! You are the first admin, signed in as {0}. Write an article, or invite your team on the Users page.", email);
        return Redirect("/admin");
    }

    /// <summary>Open while this run's token is given and no admin exists (one may have come from create-user meanwhile).</summary>
    private async Task<bool> IsOpenAsync()
    {
        if (!setup.Accepts(Token))
        {
            return false;
        }

        if (await FirstAdmin.AdminExistsAsync(db))
        {
            setup.Close();
            return false;
        }

        return true;
    }

    private PageResult Refused()
    {
        Password = ConfirmPassword = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
