using System.Globalization;
using System.Text;

namespace MovieNews.Fuzz.Oracles;

/// <summary>What text that has passed the moderation normaliser may no longer hold.</summary>
public static class NormalizedText
{
    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters a renderer shows as nothing.
    /// The variation selectors are among them but stay allowed: they only pick the look of the visible character before them (❤️).
    /// </summary>
    private static readonly (int First, int Last)[] _defaultIgnorable =
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ];

    private static readonly (int First, int Last)[] _variationSelectors =
        [(0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF)];

    private static readonly (int First, int Last)[] _bidiControls =
        [(0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069)];

    public static bool IsInvisible(int codePoint) =>
        (In(_defaultIgnorable, codePoint) && !In(_variationSelectors, codePoint))
        || CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format;

    public static bool IsBidiControl(int codePoint) => In(_bidiControls, codePoint);

    /// <summary>Broken promises of a normalised one-line field (a name, an email, a website), in words.</summary>
    public static IReadOnlyList<string> SingleLineViolations(string value)
    {
        var violations = CommonViolations(value);
        foreach (var rune in Runes(value))
        {
            if (rune.Value != ' ' && Rune.IsWhiteSpace(rune))
            {
                violations.Add($"white space U+{rune.Value:X4} other than a plain space");
            }
            else if (IsBidiControl(rune.Value))
            {
                violations.Add($"bidi control U+{rune.Value:X4}");
            }
            else if (IsInvisible(rune.Value))
            {
                violations.Add($"invisible character U+{rune.Value:X4}");
            }
        }

        if (value.Contains("  ", StringComparison.Ordinal))
        {
            violations.Add("two spaces in a row");
        }

        return violations;
    }

    /// <summary>Broken promises of a normalised comment body, in words.</summary>
    public static IReadOnlyList<string> MultiLineViolations(string value) => CommonViolations(value);

    private static List<string> CommonViolations(string value)
    {
        var violations = new List<string>();
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                violations.Add($"lone surrogate U+{(int)value[i]:X4} at {i}");
            }
        }

        foreach (var rune in Runes(value))
        {
            if (Rune.IsControl(rune) && rune.Value is not ('\n' or '\t'))
            {
                violations.Add($"control character U+{rune.Value:X4}");
            }
        }

        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            violations.Add("white space at an end");
        }

        if (violations.Count == 0 && !value.IsNormalized(NormalizationForm.FormC))
        {
            violations.Add("not in Unicode normalisation form C");
        }

        return violations;
    }

    /// <summary>The code points of the text; a lone surrogate (reported on its own) is skipped.</summary>
    private static IEnumerable<Rune> Runes(string value)
    {
        for (var i = 0; i < value.Length; i += char.IsSurrogatePair(value, i) ? 2 : 1)
        {
            if (Rune.TryGetRuneAt(value, i, out var rune))
            {
                yield return rune;
            }
        }
    }

    private static bool In((int First, int Last)[] ranges, int codePoint) =>
        ranges.Any(range => codePoint >= range.First && codePoint <= range.Last);
}
