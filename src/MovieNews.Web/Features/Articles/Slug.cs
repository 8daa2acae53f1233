using System.Globalization;
using System.Text;

namespace MovieNews.Web.Features.Articles;

/// <summary>URL slugs: lowercase ASCII letters, digits and single hyphens between them.</summary>
public static class Slug
{
    public const int MaxLength = 100;

    public static bool IsValid(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && candidate.Length <= MaxLength
        && candidate[0] != '-'
        && candidate[^1] != '-'
        && !candidate.Contains("--", StringComparison.Ordinal)
        && candidate.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>Suggests a slug from free text: accents folded, everything else turned into hyphens.</summary>
    public static string From(string text)
    {
        // U+FFFE is valid UTF-8, so a form can carry it, but .NET's Normalize throws on it.
        var decomposed = text.Replace('\uFFFE', '\uFFFD').Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’')
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength].TrimEnd('-');
        }

        return result;
    }
}
