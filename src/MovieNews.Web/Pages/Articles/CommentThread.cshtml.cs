using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Infrastructure;
using MovieNews.Web.Infrastructure.Caching;

namespace MovieNews.Web.Pages.Articles;

/// <summary>
/// "Continue this thread": one thread's replies in pages of the comment-page budget, for threads the article's
/// comment page cuts short. Cached and shared like the article page, and evicted with it.
/// </summary>
[OutputCache(PolicyName = ReaderPageCache.ArticlePolicyName)]
[CanonicalQuery("cpage", PageNumbers = ["cpage"])]
public sealed class CommentThreadModel(
    MovieNewsDbContext db,
    TimeProvider clock,
    CommentThreadReader threads,
    CommenterContext cookies,
    ModerationSettings moderation) : PageModel
{
    public string ArticleSlug { get; private set; } = "";
    public string ArticleTitle { get; private set; } = "";
    public CommentThreadPage Thread { get; private set; } = null!;
    public IReadOnlyCollection<int> Editable { get; private set; } = [];

    public CommentListModel CommentList => new(ArticleSlug, Thread.Page, Thread.Nodes, Editable: Editable) { ThreadRootId = Thread.Root.Id };

    public Pagination Pagination =>
        new(CommentThreadPage.PathFor(ArticleSlug, Thread.Root.Id), Thread.Page, Thread.TotalPages, "cpage", Labels: Pagination.CommentLabels);

    public async Task<IActionResult> OnGetAsync(string slug, int id, [FromQuery] string? cpage, CancellationToken cancellationToken)
    {
        if (!PageNumber.TryParse(cpage, out var page))
        {
            return BadRequest();
        }

        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var article = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Slug == slug)
            .Select(a => new { a.Id, a.Title })
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        ReaderPageCache.TagArticle(HttpContext, article.Id);
        var options = await moderation.GetAsync(cancellationToken);
        Editable = [.. cookies.Own.Read(Request).Keys];
        var thread = await threads.ReadThreadAsync(article.Id, id, page, options.CommentsPerPage, options.MaxDepth, cookies.Pending.Read(Request), cancellationToken);
        if (thread is null)
        {
            return NotFound();
        }

        (ArticleSlug, ArticleTitle, Thread) = (slug, article.Title, thread);
        return Page();
    }
}
