using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.Web.Pages.Account;

[EnableRateLimiting(AccountsServiceExtensions.LoginRateLimit)]
public sealed class LoginModel(SignInManager<EditorUser> signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 256 || Password.Length > 1000)
        {
            return Fail(StatusCodes.Status400BadRequest, "Enter your email address and your password.");
        }

        // Failures count towards the lockout: five wrong passwords lock the account for five minutes.
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }

        return result.IsLockedOut
            ? Fail(StatusCodes.Status423Locked, "This account is locked after too many failed attempts (or was disabled). Try again in a few minutes.")
            : Fail(StatusCodes.Status400BadRequest, "That email and password do not match an account.");
    }

    private PageResult Fail(int status, string message)
    {
        Error = message;
        Password = null;
        Response.StatusCode = status;
        return Page();
    }
}
