using Microsoft.AspNetCore.Diagnostics;
using MovieNews.Web.Features.Discovery;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Refuses cross-site form posts without a per-reader token (OWASP CSRF cheat sheet, Fetch Metadata; the same
/// rule as Go's <c>net/http.CrossOriginProtection</c>), so the public comment page can be one shared, cached page
/// (ADR-005). An unsafe request is refused when the browser says it comes from another site
/// (<c>Sec-Fetch-Site: cross-site</c>, or <c>same-site</c>: a sibling subdomain is another site here); browsers
/// too old to send that header are judged by <c>Origin</c>, then <c>Referer</c>. A request with none of them did
/// not come from a browser page at all and meets the ordinary rules (flood, duplicate, honeypot). It applies to
/// every unsafe request; signed-in pages keep their antiforgery tokens as well.
/// </summary>
public static class CrossOriginProtection
{
    public const string TrustedOriginsSetting = "Security:TrustedOrigins";

    public const string Explanation =
        "This form was sent from another website, so it was not accepted. If you meant to send it, open this site's page and send the form from there.";

    public static WebApplication UseCrossOriginProtection(this WebApplication app)
    {
        var trusted = app.Configuration.GetSection(TrustedOriginsSetting).Get<string[]>() ?? [];
        var trustedOrigins = trusted.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var urls = app.Services.GetRequiredService<SiteUrls>();
        app.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && IsCrossSite(context.Request, urls.PublicAuthority, trustedOrigins))
            {
                StatusMessages.Explain(context, Explanation);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static bool IsCrossSite(HttpRequest request, string? publicAuthority, IReadOnlySet<string> trustedOrigins)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }

        var headers = request.Headers;
        var origin = headers.Origin.ToString();
        var fetchSite = headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            // "none" is a navigation the person started themselves (typed, bookmarked).
            return fetchSite is not ("same-origin" or "none") && !trustedOrigins.Contains(origin);
        }

        if (origin.Length > 0)
        {
            return !IsOwn(origin, request, publicAuthority) && !trustedOrigins.Contains(origin);
        }

        var referer = headers.Referer.ToString();
        return referer.Length > 0 && !IsOwn(referer, request, publicAuthority)
            && !(Uri.TryCreate(referer, UriKind.Absolute, out var from) && trustedOrigins.Contains(from.GetLeftPart(UriPartial.Authority)));
    }

    /// <summary>Same host (and port) as the request was sent to, or as the configured public address. "null" is never own.</summary>
    private static bool IsOwn(string address, HttpRequest request, string? publicAuthority) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || string.Equals(uri.Authority, publicAuthority, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A more precise explanation for the status page than its code alone gives.</summary>
public static class StatusMessages
{
    private const string Key = "MovieNews.StatusExplanation";

    public static void Explain(HttpContext context, string explanation) => context.Items[Key] = explanation;

    public static string? ExplanationFor(HttpContext context) => context.Items[Key] as string;
}
