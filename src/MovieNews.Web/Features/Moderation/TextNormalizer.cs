using System.Globalization;
using System.Text;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Step one of moderation: make text canonical before anything judges it, so that lookalike tricks
/// (control characters, direction overrides, invisible characters, decomposed accents) cannot slip past the rules.
/// </summary>
public static class TextNormalizer
{
    /// <summary>For names and other one-line fields: no line breaks, no invisible or direction-changing characters.</summary>
    public static string SingleLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = Canonical(value);
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsInvisibleOrBidi(rune))
            {
                continue;
            }

            // Line breaks and tabs in a one-line field become spaces; other controls disappear.
            if (Rune.IsControl(rune))
            {
                if (rune.Value is '\n' or '\r' or '\t')
                {
                    result.Append(' ');
                }

                continue;
            }

            result.Append(rune.ToString());
        }

        return CollapseSpaces(result.ToString()).Trim();
    }

    /// <summary>For comment bodies: keeps line breaks (as \n) and tabs, drops every other control character.</summary>
    public static string MultiLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = Canonical(value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\t'))
            {
                continue;
            }

            result.Append(rune.ToString());
        }

        var body = result.ToString();
        return string.IsNullOrWhiteSpace(body) ? string.Empty : body.Trim();
    }

    /// <summary>Replaces lone surrogates (which cannot be normalised or stored faithfully), then applies NFC.</summary>
    private static string Canonical(string value)
    {
        var repaired = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                repaired.Append(c).Append(value[++i]);
            }
            else
            {
                repaired.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return repaired.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsInvisibleOrBidi(Rune rune) =>
        rune.Value is (>= 0x200B and <= 0x200F) // zero-width space/joiners, LRM, RLM
            or (>= 0x202A and <= 0x202E) // embeddings and overrides
            or (>= 0x2060 and <= 0x2064) // word joiner and invisible operators
            or (>= 0x2066 and <= 0x2069) // isolates
            or 0x061C or 0xFEFF or 0x00AD or 0x180E or 0x034F
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format;

    private static string CollapseSpaces(string value)
    {
        var result = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace || !previousWasSpace)
            {
                result.Append(isSpace ? ' ' : c);
            }

            previousWasSpace = isSpace;
        }

        return result.ToString();
    }
}
