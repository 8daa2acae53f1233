namespace MovieNews.Web.Features.Comments;

/// <summary>
/// Set for a couple of minutes after someone posts: their own next views bypass every shared cache (the app's,
/// a proxy's, a CDN's), so they see their comment at once even where a cached copy may lag by <c>s-maxage</c>.
/// It holds nothing: its presence is the message.
/// </summary>
public static class FreshPageCookie
{
    public const string Name = "mn_fresh";

    public static void Set(HttpContext context) =>
        context.Response.Cookies.Append(Name, "1", new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(2),
        });
}
