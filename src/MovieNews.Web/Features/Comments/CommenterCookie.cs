using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace MovieNews.Web.Features.Comments;

public sealed record CommenterDetails(string? Name, string? Email, string? Website);

/// <summary>
/// "Save my name, email, and website for the next time I comment": kept only when the commenter asks,
/// encrypted, because the email address is personal data.
/// </summary>
public sealed class CommenterCookie(IDataProtectionProvider protection)
{
    public const string Name = "mn_commenter";
    private readonly IDataProtector _protector = protection.CreateProtector("MovieNews.Comments.Commenter.v1");

    public CommenterDetails? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || !Infrastructure.ProtectedPayload.LooksValid(value))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<CommenterDetails>(_protector.Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public void Save(HttpContext context, CommenterDetails details) =>
        context.Response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(details)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });

    public static void Forget(HttpContext context) => context.Response.Cookies.Delete(Name, new CookieOptions
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
    });
}
