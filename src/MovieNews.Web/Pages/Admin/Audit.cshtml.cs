using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Audit;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin;

public sealed class AuditModel(MovieNewsDbContext db) : PageModel
{
    public PagedList<AuditEntry> Entries { get; private set; } = null!;
    public Pagination Pagination => new("/admin/audit", Entries.Page, Entries.TotalPages);

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        var entries = await db.AuditEntries.OrderByDescending(e => e.Id).ToPageAsync(number, 50, cancellationToken);
        if (entries is null)
        {
            return NotFound();
        }

        Entries = entries;
        return Page();
    }
}
