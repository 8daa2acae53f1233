using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Bans;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Bans;

/// <summary>Bans in force and expired ones, with a button to expire or delete each.</summary>
public sealed class IndexModel(MovieNewsDbContext db, BanList bans, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Ban> Active { get; private set; } = [];
    public IReadOnlyList<Ban> Expired { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var all = await db.Bans.AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(cancellationToken);
        Active = all.Where(b => b.IsActive(nowUtc)).ToList();
        Expired = all.Where(b => !b.IsActive(nowUtc)).ToList();
    }

    public async Task<IActionResult> OnPostExpireAsync([FromForm] int id, CancellationToken cancellationToken)
    {
        TempData["Message"] = await bans.ExpireAsync(id, cancellationToken)
            ? SiteText.Format("Ban #{0} expired: it no longer applies.", id)
            : SiteText.Get("That ban is already expired or gone.");
        return Redirect("/admin/bans");
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromForm] int id, CancellationToken cancellationToken)
    {
        TempData["Message"] = await bans.DeleteAsync(id, cancellationToken) ? SiteText.Format("Ban #{0} deleted.", id) : SiteText.Get("That ban is already gone.");
        return Redirect("/admin/bans");
    }
}
