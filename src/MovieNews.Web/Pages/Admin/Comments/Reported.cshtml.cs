using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Reports;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin.Comments;

/// <summary>
/// The queue's "Reported" tab: every comment readers reported that no editor has dismissed yet, whatever its status —
/// an approved comment's reports reach editors here too — with how many readers, their reasons and notes.
/// </summary>
public sealed class ReportedModel(MovieNewsDbContext db, CommentReports reports, CommentModeration moderation) : PageModel
{
    public const int PageSize = 50;
    public const string Dismiss = "Dismiss";

    public IReadOnlyList<(QueueRow Row, ReportSummary Reports)> Items { get; private set; } = [];
    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public int TotalCount { get; private set; }
    public int PageNumberShown { get; private set; }
    public Pagination Pagination => new("/admin/comments/reported", PageNumberShown, Math.Max(1, (int)Math.Ceiling(TotalCount / (double)PageSize)), "page");

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        await LoadAsync(number, cancellationToken);
        return number > 1 && Items.Count == 0 ? NotFound() : Page();
    }

    /// <summary>Each row's buttons send <c>act=Action:id</c>: Dismiss, or one of the queue's moderation actions.</summary>
    public async Task<IActionResult> OnPostAsync([FromForm] string? act, CancellationToken cancellationToken)
    {
        var parts = act?.Split(':') ?? [];
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            TempData["Message"] = SiteText.Get("Choose an action for a comment.");
            return Redirect("/admin/comments/reported");
        }

        if (parts[0] == Dismiss)
        {
            var dismissed = await reports.DismissAsync(id, cancellationToken);
            TempData["Message"] = dismissed == 1
                ? SiteText.Format("Dismissed 1 report on comment #{0}.", id)
                : SiteText.Format("Dismissed {0} reports on comment #{1}.", dismissed, id);
        }
        else if (Enum.GetNames<ModerationAction>().Contains(parts[0], StringComparer.Ordinal)
            && Enum.Parse<ModerationAction>(parts[0]) is var action and not ModerationAction.Delete)
        {
            var changed = await moderation.ApplyAsync(action, [id], cancellationToken);
            TempData["Message"] = changed == 1
                ? SiteText.Format("{0}: 1 comment.", QueueRow.Label(action))
                : SiteText.Format("{0}: {1} comments.", QueueRow.Label(action), changed);
        }
        else
        {
            TempData["Message"] = SiteText.Get("Choose an action for a comment.");
        }

        return Redirect("/admin/comments/reported");
    }

    private async Task LoadAsync(int page, CancellationToken cancellationToken)
    {
        PageNumberShown = page;
        Counts = await db.Comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var (summaries, total) = await reports.ReadPageAsync(page, PageSize, cancellationToken);
        TotalCount = total;
        var ids = summaries.Select(s => s.CommentId).ToList();
        var rows = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => ids.Contains(c.Id))).ToDictionaryAsync(r => r.Id, cancellationToken);
        Items = summaries.Where(s => rows.ContainsKey(s.CommentId)).Select(s => (rows[s.CommentId], s)).ToList();
    }
}
