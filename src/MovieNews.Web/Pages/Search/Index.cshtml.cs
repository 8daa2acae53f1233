using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Data;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Search;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Search;

[CanonicalQuery("q", "page", PageNumbers = ["page"])]
public sealed class IndexModel(ISearchIndex search, MovieNewsDbContext db) : PageModel
{
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public SearchResults? Results { get; private set; }
    public string? Problem { get; private set; }
    public Pagination? Pagination { get; private set; }

    /// <summary>The featured pictures of the hits, by slug.</summary>
    public IReadOnlyDictionary<string, PictureView> Pictures { get; private set; } = new Dictionary<string, PictureView>();

    /// <summary>The stored comment counts of the hits, by slug (read with their pictures, in the same query).</summary>
    public IReadOnlyDictionary<string, int> CommentCounts { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync([FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (Q is null && !Request.Query.ContainsKey("q"))
        {
            return Page();
        }

        if (!PageNumber.TryParse(page, out var number))
        {
            return BadRequest();
        }

        var query = SearchQuery.Parse(Q, out var problem);
        if (query is null)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = await search.SearchAsync(query, number, PageSize, cancellationToken);
        var pages = Math.Max(1, (int)Math.Ceiling(Results.TotalCount / (double)PageSize));
        if (number > pages)
        {
            return NotFound();
        }

        Pictures = await PicturesOfAsync(Results.Hits.Select(h => h.Slug).ToList(), cancellationToken);
        Pagination = new Pagination($"/search?q={Uri.EscapeDataString(query.Text)}", number, pages);
        return Page();
    }

    private async Task<IReadOnlyDictionary<string, PictureView>> PicturesOfAsync(List<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0)
        {
            return new Dictionary<string, PictureView>();
        }

        var articles = await db.Articles.AsNoTracking().Where(a => slugs.Contains(a.Slug))
            .Select(a => new { a.Slug, a.FeaturedMediaId, a.CommentCount }).ToListAsync(cancellationToken);
        CommentCounts = articles.ToDictionary(a => a.Slug, a => a.CommentCount);
        var featured = articles.Where(a => a.FeaturedMediaId != null).ToList();
        var pictures = await PictureView.LoadAsync(db, featured.Select(f => f.FeaturedMediaId), cancellationToken);
        return featured.Where(f => pictures.ContainsKey(f.FeaturedMediaId!.Value)).ToDictionary(f => f.Slug, f => pictures[f.FeaturedMediaId!.Value]);
    }
}
