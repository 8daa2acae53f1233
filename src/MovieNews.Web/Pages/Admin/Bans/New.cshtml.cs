using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Bans;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Bans;

/// <summary>A new ban; from the queue (<c>?comment=id</c>) the author's email, name and client hash are offered ready to choose.</summary>
public sealed class NewModel(MovieNewsDbContext db, BanList bans) : PageModel
{
    [BindProperty]
    public BanInput Input { get; set; } = new();

    /// <summary>The comment the ban was started from, when there was one.</summary>
    public FromComment? Source { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public async Task<IActionResult> OnGetAsync([FromQuery] string? comment, CancellationToken cancellationToken)
    {
        if (comment is not null)
        {
            if (!int.TryParse(comment, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || await db.Comments.AsNoTracking().Where(c => c.Id == id)
                    .Select(c => new FromComment(c.Id, c.AuthorName, c.AuthorEmail, c.ClientHash)).SingleOrDefaultAsync(cancellationToken) is not { } source)
            {
                return NotFound();
            }

            Source = source;
            (Input.Kind, Input.Value) = source.Email is null ? (nameof(BanKind.Address), source.ClientHash) : (nameof(BanKind.Email), source.Email);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await bans.CreateAsync(Input, cancellationToken))
        {
            case BanResult.Created created:
                TempData["Message"] = SiteText.Format("Ban #{0} is in force.", created.BanId)
                    + (Input.RemovePast
                        ? " " + (created.RemovedComments == 1
                            ? SiteText.Get("1 past comment marked as spam (restore them from the Spam tab).")
                            : SiteText.Format("{0} past comments marked as spam (restore them from the Spam tab).", created.RemovedComments))
                        : string.Empty);
                return Redirect("/admin/bans");
            case BanResult.Invalid invalid:
                Errors = invalid.Errors;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                return BadRequest();
        }
    }
}

public sealed record FromComment(int Id, string Name, string? Email, string ClientHash);
