using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Pages.Admin.Articles;

public sealed class RevisionModel(MovieNewsDbContext db, ArticleAuthoring authoring, MarkdownRenderer renderer) : PageModel
{
    public ArticleRevision Revision { get; private set; } = null!;
    public SafeHtml Rendered { get; private set; } = SafeHtml.Empty;

    public async Task<IActionResult> OnGetAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id, cancellationToken);
        if (revision is null)
        {
            return NotFound();
        }

        Revision = revision;
        Rendered = renderer.RenderArticle(revision.BodyMarkdown);
        return Page();
    }

    /// <summary>Restoring is a new save of the old text, so it is itself a revision and can be undone.</summary>
    public async Task<IActionResult> OnPostAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id, cancellationToken);
        var article = await db.Articles.AsNoTracking().Include(a => a.Tags).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (revision is null || article is null)
        {
            return NotFound();
        }

        var input = new ArticleInput(revision.Title, article.Slug, revision.Excerpt, revision.BodyMarkdown, article.AuthorName,
            article.Status, article.PublishedUtc, article.Tags.Select(t => t.Name).ToList(), article.CommentsOpen, article.FeaturedMediaId);
        var result = await authoring.UpdateAsync(id, input, article.Version, User.FindFirstValue(ClaimTypes.Name) ?? "editor", cancellationToken);
        TempData["Message"] = result is SaveArticleResult.Saved
            ? $"Restored version {revision.Version}."
            : "Could not restore: the article changed meanwhile. Try again.";
        return Redirect($"/admin/articles/edit/{id}");
    }
}
