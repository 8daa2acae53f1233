using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;
using MovieNews.Web.Features.Review;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Articles;

public sealed class RevisionModel(MovieNewsDbContext db, ArticleAuthoring authoring, MarkdownRenderer renderer) : PageModel
{
    public ArticleRevision Revision { get; private set; } = null!;
    public SafeHtml Rendered { get; private set; } = SafeHtml.Empty;

    /// <summary>The version saved before this one, which the comparison starts from (none for the first).</summary>
    public ArticleRevision? Previous { get; private set; }
    public IReadOnlyList<FieldDiff> Diffs { get; private set; } = [];
    public bool CanRestore { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        if (await ArticleAccess.ForAsync(db, User, id, cancellationToken) is not { } rights)
        {
            return NotFound();
        }

        if (!rights.Open)
        {
            return Forbid();
        }

        CanRestore = rights.EditInPlace;
        var revision = await db.ArticleRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId && r.ArticleId == id, cancellationToken);
        if (revision is null)
        {
            return NotFound();
        }

        Revision = revision;
        Rendered = renderer.RenderArticle(revision.BodyMarkdown);
        Previous = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id && r.Version < revision.Version)
            .OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        if (Previous is not null)
        {
            Diffs = FieldDiff.All(new(Previous.Title, Previous.Excerpt, null, Previous.BodyMarkdown), new(revision.Title, revision.Excerpt, null, revision.BodyMarkdown));
        }

        return Page();
    }

    /// <summary>Restoring is a new save of the old text, so it is itself a revision and can be undone.</summary>
    public async Task<IActionResult> OnPostAsync(int id, int revisionId, CancellationToken cancellationToken)
    {
        if (await ArticleAccess.ForAsync(db, User, id, cancellationToken) is not { } rights)
        {
            return NotFound();
        }

        if (!rights.EditInPlace)
        {
            return Forbid();
        }

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
            ? SiteText.Format("Restored version {0}.", revision.Version)
            : SiteText.Get("Could not restore: the article changed meanwhile. Try again.");
        return Redirect($"/admin/articles/edit/{id}");
    }
}
