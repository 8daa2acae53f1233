using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Reports;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Articles;

/// <summary>
/// A reader reports a comment. A page of its own, reached by a plain link from every comment, so the shared-cached
/// article page carries nothing per reader and reporting works without JavaScript. Like the comment form it is a
/// public form without a token: cross-site posts are refused by CrossOriginProtection.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ReportModel(
    MovieNewsDbContext db,
    TimeProvider clock,
    CommentReports reports,
    ReportLimiter limiter,
    CommenterContext cookies) : PageModel
{
    public string ArticleSlug { get; private set; } = string.Empty;
    public string ArticleTitle { get; private set; } = string.Empty;
    public ReportedComment Comment { get; private set; } = null!;
    public bool Sent { get; private set; }
    public string? FormMessage { get; private set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    public string FormAction => $"/articles/{ArticleSlug}/comments/{Comment.Id.ToString(CultureInfo.InvariantCulture)}/report";

    public async Task<IActionResult> OnGetAsync(string slug, string id, [FromQuery] string? sent, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, id, cancellationToken))
        {
            return NotFound();
        }

        Sent = sent == "1";
        NotCached();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, id, cancellationToken))
        {
            return NotFound();
        }

        NotCached();
        var clientHash = await cookies.Fingerprint.HashAsync(HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (!limiter.TryEnter(clientHash, out var wait))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Reshow(StatusCodes.Status429TooManyRequests,
                SiteText.Format("You have sent many reports in a short time. Your report is kept below: wait {0}, then send it again.", DescribeWait(seconds)));
        }

        var saved = cookies.Commenter.Read(Request);
        var commenterKey = (saved?.Email ?? saved?.Name) is { Length: > 0 } who
            ? await cookies.Fingerprint.HashTextAsync("commenter", who.Trim().ToLowerInvariant(), cancellationToken)
            : null;
        switch (await reports.ReportAsync(ArticleSlug, Comment.Id, Reason, Note, new Reporter(clientHash, commenterKey), cancellationToken))
        {
            case ReportResult.Reported:
                Response.Headers.Location = $"{FormAction}?sent=1";
                return StatusCode(StatusCodes.Status303SeeOther);
            case ReportResult.AlreadyReported:
                return Reshow(StatusCodes.Status409Conflict, "You have already reported this comment. Thank you: editors will look at it.");
            case ReportResult.Invalid invalid:
                Errors = invalid.Errors;
                return Reshow(StatusCodes.Status400BadRequest, "Your report was not sent yet: please correct what is marked below and send it again.");
            default:
                return NotFound();
        }
    }

    private static string DescribeWait(int seconds) => seconds < 120
        ? seconds == 1 ? SiteText.Get("1 second") : SiteText.Format("{0} seconds", seconds)
        : SiteText.Format("{0} minutes", (int)Math.Ceiling(seconds / 60.0));

    private PageResult Reshow(int statusCode, string message)
    {
        FormMessage = message;
        Response.StatusCode = statusCode;
        return Page();
    }

    /// <summary>The page shows what this reader typed and whether they have sent it: never for a shared cache.</summary>
    private void NotCached() => Response.Headers.CacheControl = "private, no-cache";

    private async Task<bool> LoadAsync(string slug, string id, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug) || CommentValidator.ParseParentId(id) is not { } commentId)
        {
            return false;
        }

        var found = await db.Comments.AsNoTracking()
            .Where(c => c.Id == commentId && c.Status == CommentStatus.Approved && c.Article.Slug == slug)
            .Where(c => db.Articles.VisibleToReaders(clock.GetUtcNow().UtcDateTime).Any(a => a.Id == c.ArticleId))
            .Select(c => new { c.Article.Title, Comment = new ReportedComment(c.Id, c.AuthorName, c.CreatedUtc, c.BodyHtml) })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        (ArticleSlug, ArticleTitle, Comment) = (slug, found.Title, found.Comment);
        return true;
    }
}

public sealed record ReportedComment(int Id, string AuthorName, DateTime CreatedUtc, string BodyHtml)
{
    public SafeHtml Body => SafeHtml.FromStored(BodyHtml);
}
