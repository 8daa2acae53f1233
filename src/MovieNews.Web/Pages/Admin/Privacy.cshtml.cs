using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin;

/// <summary>Answers a reader who asks to see or erase their comments.</summary>
public sealed class PrivacyModel(CommenterData data) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public IReadOnlyList<CommenterComment>? Found { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Email is null)
        {
            return Page();
        }

        if (!IsEmail(Email))
        {
            return Invalid();
        }

        Found = await data.FindAsync(Email, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken) =>
        IsEmail(Email)
            ? File(Encoding.UTF8.GetBytes(await data.ExportAsync(Email!, cancellationToken)), "application/json", "comments-export.json")
            : Invalid();

    public async Task<IActionResult> OnPostAnonymiseAsync(CancellationToken cancellationToken) =>
        await EraseAsync(() => data.AnonymiseAsync(Email!, cancellationToken),
            count => count == 1 ? SiteText.Get("1 comment anonymised.") : SiteText.Format("{0} comments anonymised.", count));

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await EraseAsync(() => data.DeleteAsync(Email!, cancellationToken),
            count => count == 1 ? SiteText.Get("1 comment deleted.") : SiteText.Format("{0} comments deleted.", count));

    private async Task<IActionResult> EraseAsync(Func<Task<int>> erase, Func<int, string> done)
    {
        if (!IsEmail(Email))
        {
            return Invalid();
        }

        var count = await erase();
        TempData["Message"] = done(count);
        return Redirect("/admin/privacy");
    }

    private PageResult Invalid()
    {
        Error = SiteText.Get("Enter the email address the reader commented with.");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static bool IsEmail(string? email) =>
        email is { Length: > 2 and <= 254 } && email.Contains('@', StringComparison.Ordinal);
}
