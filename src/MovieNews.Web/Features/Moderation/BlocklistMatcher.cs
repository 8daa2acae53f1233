using System.Globalization;
using System.Text;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Finds blocked words as whole words, ignoring case, simple leetspeak ("sh1t") and letters spread out by
/// spaces or punctuation ("f u c k", "f.u.c.k"). Common endings ("-s", "-ing", "-ed", "-er") still match.
/// </summary>
public sealed class BlocklistMatcher
{
    private static readonly char[] _leetSymbols = ['!', '|', '@', '$', '+'];
    private static readonly string[] _endings = ["", "s", "es", "ed", "er", "ers", "ing", "in"];
    private readonly HashSet<string> _blocked;

    public BlocklistMatcher(IEnumerable<string> blockedWords)
    {
        _blocked = blockedWords
            .Select(w => Canonical(TextNormalizer.SingleLine(w)))
            .Where(w => w.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The blocked words found in the text, as they are configured (canonical form).</summary>
    public IReadOnlyList<string> Find(string text)
    {
        if (_blocked.Count == 0)
        {
            return [];
        }

        var found = new SortedSet<string>(StringComparer.Ordinal);
        var tokens = Tokens(text);
        foreach (var token in tokens.Concat(SpelledOut(tokens)))
        {
            foreach (var ending in _endings)
            {
                if (token.EndsWith(ending, StringComparison.Ordinal)
                    && _blocked.Contains(token[..^ending.Length]))
                {
                    found.Add(token[..^ending.Length]);
                }
            }
        }

        return [.. found];
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c) || _leetSymbols.Contains(c))
            {
                current.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                Flush();
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            // Symbols count as letters only inside a word ("sh!t"), not as its punctuation ("shit!").
            var word = Canonical(current.ToString().Trim(_leetSymbols));
            if (word.Length > 0)
            {
                tokens.Add(word);
            }

            current.Clear();
        }
    }

    /// <summary>Runs of one-letter tokens joined back into words: "f u c k" → "fuck".</summary>
    private static IEnumerable<string> SpelledOut(List<string> tokens)
    {
        var run = new StringBuilder();
        foreach (var token in tokens.Append(string.Empty))
        {
            if (token.Length == 1)
            {
                run.Append(token);
                continue;
            }

            if (run.Length > 1)
            {
                yield return run.ToString();
            }

            run.Clear();
        }
    }

    private static string Canonical(string word)
    {
        var result = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormKD))
        {
            var mapped = Canonical(c);
            if (mapped != '\0')
            {
                result.Append(mapped);
            }
        }

        return result.ToString();
    }

    /// <summary>Lowercase letter for a letter or its leetspeak stand-in; '\0' for a separator.</summary>
    private static char Canonical(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' or '+' => 't',
        '8' => 'b',
        _ when char.IsLetter(c) => char.ToLowerInvariant(c),
        _ when char.IsDigit(c) => c,
        _ => '\0',
    };
}
