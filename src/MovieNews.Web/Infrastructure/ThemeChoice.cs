using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// A reader's light or dark theme, chosen without JavaScript: a footer form posts here, a cookie keeps the choice,
/// and the layout writes it as <c>data-theme</c> on the page (no choice: the system's setting decides, in CSS). The
/// choice is part of the cached pages' key, so every reader gets the theme they chose from the shared cache.
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "mn_theme";
    public const string Path = "/theme";
    public static readonly string[] Choices = ["auto", "light", "dark"];

    /// <summary>"light", "dark", or "" (follow the system); anything else in the cookie counts as no choice.</summary>
    public static string Of(HttpRequest request) => request.Cookies[CookieName] switch
    {
        "light" => "light",
        "dark" => "dark",
        _ => string.Empty,
    };

    public static WebApplication MapThemeChoice(this WebApplication app)
    {
        app.MapPost(Path, (HttpContext context) =>
        {
            var form = context.Request.HasFormContentType ? context.Request.Form : null;
            var theme = form?["theme"].ToString();
            if (theme is null || !Choices.Contains(theme, StringComparer.Ordinal))
            {
                return Results.Text(SiteText.Get("Choose a theme: auto, light or dark."), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (theme == "auto")
            {
                context.Response.Cookies.Delete(CookieName);
            }
            else
            {
                context.Response.Cookies.Append(CookieName, theme, new CookieOptions
                {
                    Path = "/",
                    MaxAge = TimeSpan.FromDays(365),
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                });
            }

            // Back to the page the reader was on: only a path of this site, in printable ASCII (the form sends the
            // escaped address; a Location header can carry nothing else).
            var back = form?["return"].ToString();
            var target = back is { Length: > 0 and <= 2000 } && back[0] == '/' && !back.StartsWith("//", StringComparison.Ordinal)
                && !back.StartsWith("/\\", StringComparison.Ordinal) && back.All(c => c is > ' ' and < (char)0x7F)
                ? back
                : "/";
            return Results.Redirect(target, permanent: false, preserveMethod: false);
        }).DisableAntiforgery();
        return app;
    }
}
