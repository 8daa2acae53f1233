using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Pages.Articles;

/// <summary>A comment's lasting address: sends the reader to whichever comment page (or thread page) shows it now.</summary>
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

        var location = await threads.LocateAsync(
            articleId.Value, commentId, (await moderation.GetAsync(cancellationToken)).CommentsPerPage, pending.Read(Request), cancellationToken);
        if (location is null)
        {
            return NotFound();
        }

        var path = location.ThreadRootId is { } rootId ? CommentThreadPage.PathFor(slug, rootId) : $"/articles/{slug}";
        var query = location.Page == 1 ? string.Empty : $"?cpage={location.Page.ToString(CultureInfo.InvariantCulture)}";
        return Redirect($"{path}{query}#comment-{commentId.ToString(CultureInfo.InvariantCulture)}");
    }
}
