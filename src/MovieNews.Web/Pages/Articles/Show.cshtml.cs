using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Pages.Articles;

public sealed class ShowModel(MovieNewsDbContext db, TimeProvider clock) : PageModel
{
    public ArticleView Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(slug))
        {
            return NotFound();
        }

        var article = await db.Articles.AsNoTracking()
            .VisibleToReaders(clock.GetUtcNow().UtcDateTime)
            .Where(a => a.Slug == slug)
            .Select(a => new ArticleView(
                a.Id,
                a.Slug,
                a.Title,
                a.Excerpt,
                a.AuthorName,
                a.PublishedUtc!.Value,
                a.UpdatedUtc,
                a.ReadingMinutes,
                a.BodyHtml,
                a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        return Page();
    }

    public sealed record ArticleView(
        int Id,
        string Slug,
        string Title,
        string Excerpt,
        string AuthorName,
        DateTime PublishedUtc,
        DateTime UpdatedUtc,
        int ReadingMinutes,
        string BodyHtml,
        IReadOnlyList<TagLink> Tags)
    {
        public SafeHtml Body => SafeHtml.FromStored(BodyHtml);
    }
}
