using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MovieNews.Web.Features.Moderation;

/// <summary>What the duplicate rule compares: the same words, whatever their case or spacing, are the same comment.</summary>
public static class BodyFingerprint
{
    public static string Of(string body)
    {
        var folded = new StringBuilder(body.Length);
        var space = false;
        foreach (var c in body.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(char.ToLowerInvariant(c));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded.ToString())))[..32];
    }
}
