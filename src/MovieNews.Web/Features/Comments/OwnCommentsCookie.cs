using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MovieNews.Web.Features.Comments;

/// <summary>
/// The comments this browser posted whose edit window is still open, each with the time it closes. Encrypted and
/// signed by the server, so it cannot be read, forged or pointed at someone else's comment; the window is checked
/// again against the stored comment, so an old cookie opens nothing. The cookie expires with the last window, and
/// while it exists the reader's pages are their own (they carry Edit links), never shared-cached.
/// </summary>
public sealed class OwnCommentsCookie(IDataProtectionProvider protection, TimeProvider clock, ILogger<OwnCommentsCookie> logger)
{
    public const string Name = "mn_own";
    private const int MaxRemembered = 20;
    private readonly IDataProtector _protector = protection.CreateProtector("MovieNews.Comments.Own.v1");

    /// <summary>Comment ids with the time their window closes, only those still open.</summary>
    public IReadOnlyDictionary<int, DateTime> Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || !Infrastructure.ProtectedPayload.LooksValid(value))
        {
            return new Dictionary<int, DateTime>();
        }

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var open = new Dictionary<int, DateTime>();
            foreach (var entry in _protector.Unprotect(value).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(':');
                var closes = new DateTime(long.Parse(parts[1], CultureInfo.InvariantCulture), DateTimeKind.Utc);
                if (closes > now)
                {
                    open[int.Parse(parts[0], CultureInfo.InvariantCulture)] = closes;
                }
            }

            return open;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return new Dictionary<int, DateTime>();
        }
    }

    public void Remember(HttpContext context, int commentId, DateTime closesUtc)
    {
        var entries = Read(context.Request).Where(e => e.Key != commentId).Append(new(commentId, closesUtc)).TakeLast(MaxRemembered);
        Write(context, entries.ToList());
    }

    public void Forget(HttpContext context, int commentId) =>
        Write(context, [.. Read(context.Request).Where(e => e.Key != commentId)]);

    private void Write(HttpContext context, List<KeyValuePair<int, DateTime>> entries)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (entries.Count == 0 || entries.Max(e => e.Value) <= now)
        {
            context.Response.Cookies.Delete(Name, Options(context, null));
            return;
        }

        string value;
        try
        {
            value = _protector.Protect(string.Join(',', entries.Select(e =>
                $"{e.Key.ToString(CultureInfo.InvariantCulture)}:{e.Value.Ticks.ToString(CultureInfo.InvariantCulture)}")));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The keys live in a shared store (Redis) that may be down: the comment is stored all the same, and
            // only the chance to edit it is lost, which is better than refusing a reader's comment for it.
            logger.LogWarning(e, "The edit-window cookie could not be written; the comment was stored without it");
            return;
        }

        context.Response.Cookies.Append(Name, value, Options(context, entries.Max(e => e.Value) - now));
    }

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        MaxAge = maxAge,
    };
}
