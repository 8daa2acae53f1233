using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MovieNews.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>Quoted by a reader who reports the problem; the log holds the details under the same id.</summary>
    public string CorrelationId { get; private set; } = string.Empty;

    // No handlers: this page answers for a failed request of any method.
    [NonHandler]
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) =>
        CorrelationId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}
