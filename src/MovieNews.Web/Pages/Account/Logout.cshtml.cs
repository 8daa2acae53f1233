using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MovieNews.Web.Features.Accounts;

namespace MovieNews.Web.Pages.Account;

[Authorize]
public sealed class LogoutModel(SignInManager<EditorUser> signIn, UserManager<EditorUser> users) : PageModel
{
    public IActionResult OnGet() => Redirect("/admin");

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp makes every copy of the old cookie worthless, not just this browser's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
