using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Pages.Articles;

/// <summary>
/// The author's own edit or delete, from the browser that posted (its signed cookie), within the edit window and
/// before anyone replies. The page is the author's alone: never cached, protected by an antiforgery token.
/// </summary>
public sealed class EditCommentModel(MovieNewsDbContext db, CommentEditing editing, CommenterContext cookies, TimeProvider clock) : PageModel
{
    public string ArticleSlug { get; private set; } = string.Empty;
    public string ArticleTitle { get; private set; } = string.Empty;
    public int CommentId { get; private set; }
    public DateTime ClosesUtc { get; private set; }
    public string? Problem { get; private set; }
    public string? Error { get; private set; }

    [BindProperty]
    public string? Body { get; set; }

    public int MinutesLeft => Math.Max(1, (int)Math.Ceiling((ClosesUtc - clock.GetUtcNow().UtcDateTime).TotalMinutes));

    public async Task<IActionResult> OnGetAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var (comment, result) = await FindAsync(slug, id, cancellationToken);
        if (comment is not null)
        {
            Body = comment.BodyMarkdown;
        }

        return result;
    }

    public async Task<IActionResult> OnPostSaveAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var (comment, result) = await FindAsync(slug, id, cancellationToken);
        if (comment is null)
        {
            return result;
        }

        switch (await editing.EditAsync(comment, Body, cancellationToken))
        {
            case AuthorEditResult.Saved saved:
                if (saved.Status == CommentStatus.Pending)
                {
                    cookies.Pending.Remember(HttpContext, comment.Id);
                }

                // Shared caches may hold the page for a minute: the author's next views skip them and see the new text.
                FreshPageCookie.Set(HttpContext);
                return SeeOther($"/articles/{ArticleSlug}/comments/{comment.Id}");
            case AuthorEditResult.Refused refused:
                Error = refused.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            default:
                throw new InvalidOperationException("Unknown edit result.");
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, int id, CancellationToken cancellationToken)
    {
        var (comment, result) = await FindAsync(slug, id, cancellationToken);
        if (comment is null)
        {
            return result;
        }

        await editing.DeleteAsync(comment, cancellationToken);
        cookies.Own.Forget(HttpContext, comment.Id);
        FreshPageCookie.Set(HttpContext);
        return SeeOther($"/articles/{ArticleSlug}#comments");
    }

    private async Task<(Comment? Comment, IActionResult Result)> FindAsync(string slug, int id, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "private, no-store";
        if (!Slug.IsValid(slug))
        {
            return (null, NotFound());
        }

        var article = await db.Articles.AsNoTracking().VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Slug == slug).Select(a => new { a.Id, a.Slug, a.Title }).SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return (null, NotFound());
        }

        (ArticleSlug, ArticleTitle, CommentId) = (article.Slug, article.Title, id);
        var own = cookies.Own.Read(Request);
        var (comment, problem) = await editing.FindEditableAsync(article.Id, id, own, cancellationToken);
        if (comment is null)
        {
            if (problem is null)
            {
                return (null, NotFound());
            }

            Problem = problem;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return (null, Page());
        }

        ClosesUtc = comment.CreatedUtc + editing.Window;
        return (comment, Page());
    }

    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
