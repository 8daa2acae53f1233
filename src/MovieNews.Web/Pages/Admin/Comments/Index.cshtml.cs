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

public sealed class IndexModel(MovieNewsDbContext db, CommentModeration moderation, CommentReports reports) : PageModel
{
    public const int PageSize = 50;
    public static readonly CommentStatus[] Tabs = [CommentStatus.Pending, CommentStatus.Approved, CommentStatus.Spam, CommentStatus.Trash];

    public CommentStatus Status { get; private set; }
    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();
    public PagedList<QueueRow> Rows { get; private set; } = null!;

    /// <summary>Comments with reports no editor has dismissed yet (the Reported tab).</summary>
    public int ReportedCount { get; private set; }
    public IReadOnlyList<QueueRow> ToDelete { get; private set; } = [];
    public Pagination Pagination => new($"/admin/comments?status={Status.ToString().ToLowerInvariant()}", Rows.Page, Rows.TotalPages, "page");

    public async Task<IActionResult> OnGetAsync([FromQuery] string? status, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (!TryParseStatus(status, out var parsed) || !PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        Status = parsed;
        return await LoadAsync(number, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>One form carries both the per-row buttons (<c>act=Action:id</c>) and the bulk bar (<c>bulk=Action</c> + ticked ids).</summary>
    public async Task<IActionResult> OnPostAsync(
        [FromQuery] string? status, [FromForm] string? act, [FromForm] string? bulk, [FromForm] int[]? ids, [FromForm] string? confirm,
        CancellationToken cancellationToken)
    {
        if (!TryParseStatus(status, out var parsed))
        {
            return BadRequest();
        }

        Status = parsed;
        var (action, targets) = Parse(act, bulk, ids ?? []);
        if (action is null || targets.Count == 0)
        {
            TempData["Message"] = SiteText.Get("Choose an action and at least one comment.");
            return Redirect(ReturnUrl);
        }

        if (action == ModerationAction.Delete && confirm != "yes")
        {
            // Deleting cannot be undone: show what would go and ask once more.
            ToDelete = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => targets.Contains(c.Id))).ToListAsync(cancellationToken);
            await LoadAsync(1, cancellationToken);
            return Page();
        }

        var changed = await moderation.ApplyAsync(action.Value, targets, cancellationToken);
        TempData["Message"] = changed == 1
            ? SiteText.Format("{0}: 1 comment.", QueueRow.Label(action.Value))
            : SiteText.Format("{0}: {1} comments.", QueueRow.Label(action.Value), changed);
        if (action is ModerationAction.Spam or ModerationAction.Trash && changed > 0)
        {
            // Restore puts each comment back in the status it had before it was marked.
            UndoOffer.Offer(TempData, "Undo", ReturnUrl,
                [new("bulk", nameof(ModerationAction.Restore)), .. targets.Select(id => new KeyValuePair<string, string>("ids", id.ToString(CultureInfo.InvariantCulture)))]);
        }

        return Redirect(ReturnUrl);
    }

    private string ReturnUrl => $"/admin/comments?status={Status.ToString().ToLowerInvariant()}";

    private static (ModerationAction? Action, List<int> Ids) Parse(string? act, string? bulk, int[] ids)
    {
        if (act is not null)
        {
            var parts = act.Split(':');
            return parts.Length == 2
                && ActionNamed(parts[0]) is { } one
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? (one, [id])
                    : (null, []);
        }

        return ActionNamed(bulk) is { } many
            ? (many, ids.Where(id => id > 0).Distinct().ToList())
            : (null, []);
    }

    /// <summary>Exactly one button's name: Enum.TryParse would also read "99" and "Approve,Spam" as actions.</summary>
    private static ModerationAction? ActionNamed(string? name) =>
        name is not null && Enum.GetNames<ModerationAction>().Contains(name, StringComparer.Ordinal) ? Enum.Parse<ModerationAction>(name) : null;

    private async Task<bool> LoadAsync(int page, CancellationToken cancellationToken)
    {
        Counts = await db.Comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        ReportedCount = await reports.CountReportedAsync(cancellationToken);
        var rows = await QueueRow.Project(db.Comments.AsNoTracking().Where(c => c.Status == Status)
                .OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id))
            .ToPageAsync(page, PageSize, cancellationToken);
        Rows = rows!;
        return rows is not null;
    }

    private static bool TryParseStatus(string? raw, out CommentStatus status)
    {
        status = CommentStatus.Pending;
        return raw is null || (Enum.TryParse(raw, ignoreCase: true, out status) && Tabs.Contains(status) && !int.TryParse(raw, out _));
    }
}
