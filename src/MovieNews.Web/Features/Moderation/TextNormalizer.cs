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

        // Composed again: a dropped character may have stood between a letter and its accent ("e", U+200B, U+0301).
        return CollapseSpaces(result.ToString().Normalize(NormalizationForm.FormC)).Trim();
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

        var body = result.ToString().Normalize(NormalizationForm.FormC);
        return string.IsNullOrWhiteSpace(body) ? string.Empty : body.Trim();
    }

    /// <summary>
    /// Replaces lone surrogates (which cannot be normalised or stored faithfully) and U+FFFE (valid UTF-8, but .NET's
    /// Normalize throws on it), then applies NFC.
    /// </summary>
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
                repaired.Append(char.IsSurrogate(c) || c == '\uFFFE' ? '\uFFFD' : c);
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
            or 0x115F or 0x1160 or 0x3164 or 0xFFA0 // Hangul fillers: letters that draw nothing
            or 0x17B4 or 0x17B5 // Khmer inherent vowels, drawn as nothing
            or 0x2065 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0xE0000 and <= 0xE0FFF and not (>= 0xE0100 and <= 0xE01EF)) // reserved as invisible
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
