using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Pages.Articles;

/// <summary>A comment's lasting address: sends the reader to whichever comment page shows it now.</summary>
public sealed class CommentPermalinkModel(
    MovieNewsDbContext db,
    TimeProvider clock,
    CommentThreadReader threads,
    PendingCommentsCookie pending,
    ModerationSettings moderation) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, string id, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug) || CommentValidator.ParseParentId(id) is not { } commentId)
        {
            return NotFound();
        }

        var articleId = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Slug == slug)
            .Select(a => (int?)a.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (articleId is null)
        {
            return NotFound();
        }

        var page = await threads.PageOfAsync(
            articleId.Value, commentId, (await moderation.GetAsync(cancellationToken)).CommentsPerPage, pending.Read(Request), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        var query = page == 1 ? string.Empty : $"?cpage={page.Value.ToString(CultureInfo.InvariantCulture)}";
        return Redirect($"/articles/{slug}{query}#comment-{commentId.ToString(CultureInfo.InvariantCulture)}");
    }
}
