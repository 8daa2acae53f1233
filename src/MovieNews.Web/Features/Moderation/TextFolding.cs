using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Reduces text to the form the moderation rules compare, so that disguises which change the code points but
/// not what a reader sees (invisible characters, look-alike letters from other scripts, fullwidth or
/// mathematical letters, stacked accents, case) compare equal to the plain spelling.
/// </summary>
public static class TextFolding
{
    /// <summary>
    /// The folded form: compatibility decomposition (NFKD: NFKC's mapping of fullwidth, mathematical, circled
    /// and ligature forms, kept decomposed so that accents are separate), then without default-ignorable and
    /// format characters and without combining marks, each non-ASCII character replaced by its UTS #39
    /// prototype, and everything lowercase.
    /// </summary>
    /// <remarks>
    /// ASCII keeps its own reading: UTS #39 maps "m" to "rn", "1" and "I" to "l" and "0" to "O", which would undo
    /// the blocklist's leetspeak ("1" is an "i" there) and its repeated-letter rule ("rn" is two letters). Digits
    /// and symbols are left for the blocklist to interpret; everything else that looks like an ASCII letter
    /// becomes that letter here.
    /// </remarks>
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var decomposed = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKD).AsSpan();
        var result = new StringBuilder(decomposed.Length);
        var lowered = ArrayPool<char>.Shared.Rent(decomposed.Length);
        while (!decomposed.IsEmpty)
        {
            // Most of a comment is ASCII even when some of it is not: lowercase it a stretch at a time.
            var ascii = decomposed.IndexOfAnyExceptInRange('\0', '\x7F');
            if (ascii != 0)
            {
                var stretch = ascii < 0 ? decomposed : decomposed[..ascii];
                Ascii.ToLower(stretch, lowered, out var written);
                result.Append(lowered, 0, written);
                decomposed = decomposed[stretch.Length..];
                continue;
            }

            Rune.DecodeFromUtf16(decomposed, out var rune, out var width);
            if (!IsMarkOrIgnorable(rune))
            {
                AppendFolded(rune, result);
            }

            decomposed = decomposed[width..];
        }

        ArrayPool<char>.Shared.Return(lowered);
        return result.ToString();
    }

    /// <summary>
    /// A short, stable fingerprint of a comment body for the duplicate rule: the first 128 bits of SHA-256,
    /// as 32 lowercase hex digits, of the folded body with the Markdown emphasis, strikethrough and code markers
    /// (<c>* _ ~ `</c>) dropped and every run of whitespace (line breaks included) read as one space.
    /// "Great film!", "great  film!", "**GREAT** film!" and "ɢʀᴇᴀᴛ film!" share one; any other change of letters,
    /// digits or punctuation gives another.
    /// </summary>
    public static string Fingerprint(string body)
    {
        var folded = Fold(body);
        var canonical = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            // U+2800, the blank Braille pattern, draws as a space.
            if (char.IsWhiteSpace(c) || c == '\u2800')
            {
                pendingSpace = canonical.Length > 0;
            }
            else if (c is not ('*' or '_' or '~' or '`'))
            {
                if (pendingSpace)
                {
                    canonical.Append(' ');
                    pendingSpace = false;
                }

                canonical.Append(c);
            }
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString()), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>
    /// Combining marks (Mn, Me), format characters (Cf: zero-width space and joiners, soft hyphen, word joiner,
    /// bidi controls, tags) and the other default-ignorable code points (variation selectors, Hangul fillers,
    /// the combining grapheme joiner, the reserved ranges Unicode keeps invisible).
    /// </summary>
    internal static bool IsMarkOrIgnorable(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
        || rune.Value is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x2065 or 0x3164 or 0xFFA0
            or (>= 0x180B and <= 0x180F)
            or (>= 0xFE00 and <= 0xFE0F)
            or (>= 0xFFF0 and <= 0xFFF8)
            or (>= 0xE0000 and <= 0xE0FFF);

    private static void AppendFolded(Rune rune, StringBuilder result)
    {
        // Full case folding reads "ß" as "ss"; UTS #39 would take it for a Greek beta.
        if (rune.Value is 0x00DF or 0x1E9E)
        {
            result.Append("ss");
            return;
        }

        if (Confusables.TryGetPrototype(rune.Value, out var prototype))
        {
            result.Append(prototype);
            return;
        }

        var lower = Rune.ToLowerInvariant(rune);
        if (lower != rune && !lower.IsAscii && Confusables.TryGetPrototype(lower.Value, out prototype))
        {
            result.Append(prototype);
            return;
        }

        Span<char> utf16 = stackalloc char[2];
        result.Append(utf16[..lower.EncodeToUtf16(utf16)]);
    }

    /// <summary>Lone surrogates and U+FFFE (valid UTF-8, but Normalize throws on it) become U+FFFD.</summary>
    private static string WithoutLoneSurrogates(string text)
    {
        var index = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        var nonCharacter = text.IndexOf('\uFFFE', StringComparison.Ordinal);
        index = index < 0 ? nonCharacter : nonCharacter < 0 ? index : Math.Min(index, nonCharacter);
        if (index < 0)
        {
            return text;
        }

        var repaired = new StringBuilder(text.Length);
        repaired.Append(text, 0, index);
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                repaired.Append(c).Append(text[++i]);
            }
            else
            {
                repaired.Append(char.IsSurrogate(c) || c == '\uFFFE' ? '\uFFFD' : c);
            }
        }

        return repaired.ToString();
    }
}
