using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MovieNews.Web.Features.Search;
using MovieNews.Web.Infrastructure;

namespace MovieNews.Web.Pages.Search;

[CanonicalQuery("q", "page", PageNumbers = ["page"])]
public sealed class IndexModel(ISearchIndex search) : PageModel
{
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public SearchResults? Results { get; private set; }
    public string? Problem { get; private set; }
    public Pagination? Pagination { get; private set; }

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

        Pagination = new Pagination($"/search?q={Uri.EscapeDataString(query.Text)}", number, pages);
        return Page();
    }
}
