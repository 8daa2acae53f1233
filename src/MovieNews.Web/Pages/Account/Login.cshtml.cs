using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.Web.Pages.Account;

[EnableRateLimiting(AccountsServiceExtensions.LoginRateLimit)]
public sealed class LoginModel(StaffSignIn signIn) : PageModel
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

        // One answer for an unknown email, a wrong password and a locked account, so it tells nobody which accounts exist.
        return await signIn.SignInAsync(Email.Trim(), Password, HttpContext.Connection.RemoteIpAddress)
            ? LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin")
            : Fail(StatusCodes.Status400BadRequest, StaffSignIn.RefusedMessage);
    }

    private PageResult Fail(int status, string message)
    {
        Error = message;
        Password = null;
        Response.StatusCode = status;
        return Page();
    }
}
