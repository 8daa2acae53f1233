using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Site;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Admin.Articles;

public sealed class IndexModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public static readonly string[] Filters = ["all", "draft", "review", "scheduled", "published", "trash"];
    public static readonly string[] Sorts = ["updated", "published", "title"];

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    public PagedList<Row> Rows { get; private set; } = null!;

    public Pagination Pagination => new(
        $"/admin/articles?status={Status}&sort={Sort}&q={Uri.EscapeDataString(Q ?? string.Empty)}", Rows.Page, Rows.TotalPages);

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page, CancellationToken cancellationToken)
    {
        Status ??= "all";
        Sort ??= "updated";
        if (!Filters.Contains(Status) || !Sorts.Contains(Sort) || !PageNumber.TryParse(page, out var number) || Q?.Length > 200)
        {
            return BadRequest();
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        // Writers see their own articles; editors everyone's.
        var articles = db.Articles.AsNoTracking().VisibleInAdminTo(User);
        articles = Status switch
        {
            "draft" => articles.Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.Draft),
            "review" => articles.Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.InReview),
            "scheduled" => articles.Where(a => a.DeletedUtc == null && a.Status == ArticleStatus.Scheduled && a.PublishedUtc > nowUtc),
            "published" => articles.VisibleToReaders(nowUtc),
            "trash" => articles.Where(a => a.DeletedUtc != null),
            _ => articles.Where(a => a.DeletedUtc == null),
        };
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Lower-cased on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
            var term = Q.Trim().ToLowerInvariant();
            var pattern = "%" + term.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(): the culture-aware overloads cannot be.
            articles = articles.Where(a => EF.Functions.Like(a.Title.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311
        }

        articles = Sort switch
        {
            "title" => articles.OrderBy(a => a.Title).ThenByDescending(a => a.Id),
            // Drafts (no publish time) last on both engines: SQLite sorts NULL first, PostgreSQL last.
            "published" => articles.OrderBy(a => a.PublishedUtc == null).ThenByDescending(a => a.PublishedUtc).ThenByDescending(a => a.Id),
            _ => articles.OrderByDescending(a => a.UpdatedUtc).ThenByDescending(a => a.Id),
        };
        var rows = await articles
            .Select(a => new Row(
                a.Id, a.Slug, a.Title, a.Status, a.PublishedUtc, a.UpdatedUtc, a.DeletedUtc != null,
                db.Comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Approved),
                db.Comments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Pending)))
            .ToPageAsync(number, PageSize, cancellationToken);
        if (rows is null)
        {
            return NotFound();
        }

        Rows = rows;
        return Page();
    }

    /// <summary>A filter's label: the same words as the table's status column.</summary>
    public static string FilterLabel(string filter) => filter switch
    {
        "all" => SiteText.Get("All"),
        "draft" => SiteText.Get("Draft"),
        "review" => SiteText.Get("In review"),
        "scheduled" => SiteText.Get("Scheduled"),
        "published" => SiteText.Get("Published"),
        "trash" => SiteText.Get("Trash"),
        _ => filter,
    };

    /// <summary>A sort order's label: the same words as the table's headings.</summary>
    public static string SortLabel(string sort) => sort switch
    {
        "updated" => SiteText.Get("Updated"),
        "published" => SiteText.Get("Publish time"),
        "title" => SiteText.Get("Title"),
        _ => sort,
    };

    public static string StatusLabel(Row row) => row.InTrash
        ? SiteText.Get("Trash")
        : row.Status switch
        {
            ArticleStatus.Draft => SiteText.Get("Draft"),
            ArticleStatus.InReview => SiteText.Get("In review"),
            ArticleStatus.Scheduled => SiteText.Get("Scheduled"),
            ArticleStatus.Published => SiteText.Get("Published"),
            _ => row.Status.ToString(),
        };

    public sealed record Row(
        int Id, string Slug, string Title, ArticleStatus Status, DateTime? PublishedUtc, DateTime UpdatedUtc, bool InTrash,
        int ApprovedComments, int PendingComments);
}
