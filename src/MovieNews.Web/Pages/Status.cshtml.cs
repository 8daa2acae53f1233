using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MovieNews.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;

    // Whatever the failed request's method (this page answers for all of them, so it has no handlers), and with
    // the code from the route, not model binding: a re-executed POST may carry a body the form reader refuses
    // (too large, too many fields), and binding must not turn that into a different answer.
    [NonHandler]
    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context) => Describe(RouteCode);

    private int RouteCode => int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 404;

    private void Describe(int code)
    {
        Code = code;
        (Heading, Explanation) = code switch
        {
            400 => ("That request didn’t make sense", "Something in the address or the form was not valid. Check it and try again."),
            403 => ("Not allowed", "This request is not allowed here."),
            404 => ("Page not found", "There is nothing at this address. It may have moved, or never existed."),
            405 => ("Not allowed", "This address does not accept that kind of request."),
            409 => ("Already done", "That was already submitted."),
            410 => ("Gone", "This page has been removed."),
            413 => ("Too large", "What you sent is larger than we accept."),
            429 => ("Slow down", "Too many requests in a short time. Please wait a little and try again."),
            503 => ("Temporarily unavailable", "We cannot save changes right now. Please try again shortly."),
            _ => ("Something went wrong", "We could not finish that request."),
        };
        Explanation = Infrastructure.StatusMessages.ExplanationFor(HttpContext) ?? Explanation;
        // Only 4xx/5xx are reached here through re-execution; a direct visit to /status/N must not answer 200.
        if (code is >= 400 and <= 599)
        {
            Response.StatusCode = code;
        }
        else
        {
            Code = 404;
            Response.StatusCode = 404;
            (Heading, Explanation) = ("Page not found", "There is nothing at this address.");
        }
    }
}
