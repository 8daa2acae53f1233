using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// Remembers, in the commenter's own browser, which held comments they wrote, so they (and only they) see
/// those comments with an "awaiting moderation" notice. The cookie is encrypted and signed by the server:
/// it cannot be read, forged or pointed at someone else's comment.
/// </summary>
public sealed class PendingCommentsCookie(IDataProtectionProvider protection)
{
    public const string Name = "mn_pending";
    private const int MaxRemembered = 20;
    private readonly IDataProtector _protector = protection.CreateProtector("MovieNews.Comments.Pending.v1");

    public IReadOnlyList<int> Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || !Infrastructure.ProtectedPayload.LooksValid(value))
        {
            return [];
        }

        try
        {
            return _protector.Unprotect(value)
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(id => int.Parse(id, CultureInfo.InvariantCulture))
                .ToList();
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException)
        {
            return [];
        }
    }

    public void Remember(HttpContext context, int commentId)
    {
        var ids = Read(context.Request).Append(commentId).Distinct().TakeLast(MaxRemembered);
        var value = _protector.Protect(string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))));
        context.Response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(30),
        });
    }
}
