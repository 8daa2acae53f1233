using System.Buffers;
using System.Globalization;
using System.Text;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Finds blocked words as whole words in the folded text (<see cref="TextFolding.Fold"/>: no invisible
/// characters, accents, look-alike letters or case), reading common symbol and digit stand-ins as letters
/// ("sh1t", "@$$"), letters repeated for emphasis ("fuuuck"), letters spread out by spaces or punctuation
/// ("f u c k", "f.u.c.k") and common endings ("-s", "-ing", "-ed", "-er", "-y").
/// </summary>
public sealed class BlocklistMatcher
{
    private const int StackLimit = 256;
    private const int MaxSpelledOut = 64;

    /// <summary>Endings a blocked word may carry; none repeats a letter, so each is a row of one-letter runs.</summary>
    private static readonly string[] _endings = ["", "s", "es", "ed", "er", "ers", "ing", "in", "y"];
    private static readonly int _longestEnding = _endings.Max(e => e.Length);

    /// <summary>Symbols read as letters inside a word ("sh!t", "fu(k"); at a word's edge they may also be punctuation.</summary>
    private const string StandIns = "!|@$+(";

    private static readonly SearchValues<char> _standIns = SearchValues.Create(StandIns);

    /// <summary>
    /// The table of the list most recently configured. The moderation service makes a matcher for every
    /// comment, nearly always with the same list, so the table is built once and then only compared.
    /// </summary>
    private static Table? _lastTable;

    private readonly Table _table;

    public BlocklistMatcher(IEnumerable<string> blockedWords)
    {
        string[] words = [.. blockedWords];
        var last = Volatile.Read(ref _lastTable);
        if (last is not null && last.Words.AsSpan().SequenceEqual(words))
        {
            _table = last;
        }
        else
        {
            _table = new Table(words);
            Volatile.Write(ref _lastTable, _table);
        }
    }

    /// <summary>The blocked words found in the text, in their canonical form (folded, leetspeak read as letters).</summary>
    public IReadOnlyList<string> Find(string text)
    {
        if (_table.IsEmpty || string.IsNullOrEmpty(text))
        {
            return [];
        }

        var folded = TextFolding.Fold(text);
        SortedSet<string>? found = null;
        Span<char> spelled = stackalloc char[MaxSpelledOut];
        var spelledLength = 0;

        var i = 0;
        while (i < folded.Length)
        {
            var start = i;
            while (i < folded.Length && IsWordCharacter(folded, i, out var width))
            {
                i += width;
            }

            if (i == start)
            {
                i++;
                continue;
            }

            var word = folded.AsSpan(start, i - start);
            CheckWord(word, ref found);

            // One-letter words in a row are a word spelled out: "f u c k", "f.u.c.k", "$ h i t".
            var letter = SpelledLetter(word);
            if (letter is null || spelledLength == MaxSpelledOut)
            {
                CheckSpelledOut(spelled[..spelledLength], ref found);
                spelledLength = 0;
            }

            if (letter is { } spelledLetter)
            {
                spelled[spelledLength++] = spelledLetter;
            }
        }

        CheckSpelledOut(spelled[..spelledLength], ref found);
        return found is null ? [] : [.. found];
    }

    /// <summary>
    /// Tries the word with every symbol read as a letter, with symbols at its edges read as punctuation
    /// ("shit!", "(fuck"), with inner symbols dropped as noise ("f|u|c|k") and, split at its symbols and
    /// digits, each piece on its own ("shit!really", "fuck2"). Words of letters only (nearly all) take one try.
    /// </summary>
    private void CheckWord(ReadOnlySpan<char> word, ref SortedSet<string>? found)
    {
        char[]? rented = null;
        var mapped = word.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : rented = ArrayPool<char>.Shared.Rent(word.Length);
        mapped = mapped[..word.Length];
        var hasInnerNonLetter = false;
        for (var k = 0; k < word.Length; k++)
        {
            mapped[k] = Letter(word[k]);
            hasInnerNonLetter |= IsStandIn(word[k]) || char.IsDigit(word[k]);
        }

        Check(mapped, ref found);

        var lead = 0;
        while (lead < word.Length && IsStandIn(word[lead]))
        {
            lead++;
        }

        var trail = 0;
        while (trail < word.Length - lead && IsStandIn(word[^(trail + 1)]))
        {
            trail++;
        }

        if (lead > 0)
        {
            Check(mapped[lead..], ref found);
        }

        if (trail > 0)
        {
            Check(mapped[..^trail], ref found);
        }

        if (lead > 0 && trail > 0)
        {
            Check(mapped[lead..^trail], ref found);
        }

        if (hasInnerNonLetter)
        {
            CheckPieces(word, mapped, ref found);
            CheckWithoutSymbols(word, mapped, ref found);
        }

        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void CheckWithoutSymbols(ReadOnlySpan<char> word, Span<char> mapped, ref SortedSet<string>? found)
    {
        // Compacts in place: this is the word's last try.
        var length = 0;
        for (var k = 0; k < word.Length; k++)
        {
            if (!IsStandIn(word[k]))
            {
                mapped[length++] = mapped[k];
            }
        }

        Check(mapped[..length], ref found);
    }

    private void CheckPieces(ReadOnlySpan<char> word, ReadOnlySpan<char> mapped, ref SortedSet<string>? found)
    {
        var start = -1;
        for (var k = 0; k <= word.Length; k++)
        {
            var isLetter = k < word.Length && !IsStandIn(word[k]) && !char.IsDigit(word[k]);
            if (isLetter && start < 0)
            {
                start = k;
            }
            else if (!isLetter && start >= 0)
            {
                if (start > 0 || k < word.Length)
                {
                    Check(mapped[start..k], ref found);
                }

                start = -1;
            }
        }
    }

    private void CheckSpelledOut(ReadOnlySpan<char> letters, ref SortedSet<string>? found)
    {
        if (letters.Length < 2)
        {
            return;
        }

        Check(letters, ref found);

        // "I f u c k …", "a s h i t …": the one-letter words "I" and "a" often lead a spelled-out word.
        if (letters.Length > 2 && letters[0] is 'a' or 'i')
        {
            Check(letters[1..], ref found);
        }
    }

    /// <summary>
    /// Compares a candidate by its runs of equal letters: "fuuuckers" is the runs f u c k e r s, and the blocked
    /// word "fuck" with the ending "ers" is f u c k + e r s. Every run must be at least as long as the blocked
    /// word's ("asss" and "shitting" match "ass" and "shit"; "as" and "Niger" do not match "ass" and "nigger").
    /// </summary>
    private void Check(ReadOnlySpan<char> letters, ref SortedSet<string>? found)
    {
        // Most words start with a letter no blocked word starts with.
        if (letters.IsEmpty || !_table.FirstLetters.Contains(ShapeLetter(letters[0]), StringComparison.Ordinal))
        {
            return;
        }

        var runCount = CountRuns(letters);
        if (runCount == 0 || runCount > _table.MaxRuns + _longestEnding)
        {
            return;
        }

        Span<char> runs = stackalloc char[runCount];
        Span<int> lengths = stackalloc int[runCount];
        Span<char> shape = stackalloc char[runCount];
        var r = -1;
        for (var k = 0; k < letters.Length; k++)
        {
            if (r >= 0 && letters[k] == runs[r])
            {
                lengths[r]++;
            }
            else
            {
                r++;
                runs[r] = letters[k];
                lengths[r] = 1;
                shape[r] = ShapeLetter(letters[k]);
            }
        }

        foreach (var ending in _endings)
        {
            var stem = runCount - ending.Length;
            if (stem < 1 || stem > _table.MaxRuns || !runs[stem..].SequenceEqual(ending) || !IsTypedOnce(lengths[stem..]))
            {
                continue;
            }

            if (_table.Shapes.TryGetValue(shape[..stem], out var candidates))
            {
                foreach (var blocked in candidates)
                {
                    if (blocked.Matches(runs[..stem], lengths[..stem]))
                    {
                        (found ??= new SortedSet<string>(StringComparer.Ordinal)).Add(blocked.Word);
                    }
                }
            }
        }
    }

    /// <summary>An ending's letters count once each: "assess" is not "ass" + "es".</summary>
    private static bool IsTypedOnce(ReadOnlySpan<int> lengths) => !lengths.ContainsAnyExcept(1);

    private static int CountRuns(ReadOnlySpan<char> letters)
    {
        var count = 0;
        for (var k = 0; k < letters.Length; k++)
        {
            if (k == 0 || letters[k] != letters[k - 1])
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsWordCharacter(string text, int index, out int width)
    {
        var c = text[index];
        if (char.IsSurrogate(c))
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width);
            return status == OperationStatus.Done && Rune.IsLetterOrDigit(rune);
        }

        width = 1;
        return char.IsLetterOrDigit(c)
            || IsStandIn(c)
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpacingCombiningMark;
    }

    private static bool IsStandIn(char c) => _standIns.Contains(c);

    /// <summary>The letter a one-letter word stands for, or null when the word is longer or is not a letter.</summary>
    private static char? SpelledLetter(ReadOnlySpan<char> word)
    {
        var core = word.Trim(StandIns);
        var single = core.Length == 1 ? core[0] : word.Length == 1 ? word[0] : '\0';
        var letter = Letter(single);
        return char.IsLetter(letter) ? letter : null;
    }

    /// <summary>The blocked word as the text is read: folded, stand-ins as letters, anything else dropped.</summary>
    private static string Canonical(string word)
    {
        var result = new StringBuilder(word.Length);
        foreach (var c in TextFolding.Fold(word))
        {
            var letter = Letter(c);
            if (char.IsLetterOrDigit(letter))
            {
                result.Append(letter);
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// Leetspeak: digits and symbols commonly typed for letters. "ꞓ" is what folding makes of "€" (and of
    /// the Greek and Cyrillic "ε", "є"), all typed for "e".
    /// </summary>
    private static char Letter(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' or '|' => 'i',
        '3' or '\uA793' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '6' or '9' => 'g',
        '7' or '+' => 't',
        '8' => 'b',
        '(' => 'c',
        _ => c,
    };

    /// <summary>
    /// Letters that compare equal when looking a blocked word up. UTS #39 reads "I", "Ι", "І", "ǀ" and "1" all
    /// as "l", so an "l" in the text may stand for the blocked word's "i" ("shlt"); <see cref="BlockedWord.Matches"/>
    /// allows it in that direction only.
    /// </summary>
    private static char ShapeLetter(char c) => c == 'l' ? 'i' : c;

    /// <summary>The blocked words by shape, built once per list; read-only afterwards, so shared between threads.</summary>
    private sealed class Table
    {
        public Table(string[] words)
        {
            Words = words;
            var byShape = words
                .Select(w => Canonical(w.Trim()))
                .Where(w => w.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Select(w => new BlockedWord(w))
                .GroupBy(w => w.Shape, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            Shapes = byShape.GetAlternateLookup<ReadOnlySpan<char>>();
            IsEmpty = byShape.Count == 0;
            MaxRuns = IsEmpty ? 0 : byShape.Keys.Max(k => k.Length);
            FirstLetters = string.Concat(byShape.Keys.Select(k => k[0]).Distinct());
        }

        /// <summary>The list as configured, to tell whether the next matcher may reuse this table.</summary>
        public string[] Words { get; }

        public Dictionary<string, BlockedWord[]>.AlternateLookup<ReadOnlySpan<char>> Shapes { get; }

        public bool IsEmpty { get; }

        /// <summary>The most runs of letters in a blocked word; a longer candidate cannot match.</summary>
        public int MaxRuns { get; }

        /// <summary>The first letter of each blocked word's shape.</summary>
        public string FirstLetters { get; }
    }

    private sealed class BlockedWord
    {
        private readonly char[] _runs;
        private readonly int[] _lengths;

        public BlockedWord(string word)
        {
            Word = word;
            var runs = new List<char>();
            var lengths = new List<int>();
            foreach (var c in word)
            {
                if (runs.Count > 0 && runs[^1] == c)
                {
                    lengths[^1]++;
                }
                else
                {
                    runs.Add(c);
                    lengths.Add(1);
                }
            }

            _runs = [.. runs];
            _lengths = [.. lengths];
            Shape = string.Concat(runs.Select(ShapeLetter));
        }

        public string Word { get; }

        /// <summary>The word's runs of letters, one letter each, with "l" read as "i".</summary>
        public string Shape { get; }

        public bool Matches(ReadOnlySpan<char> runs, ReadOnlySpan<int> lengths)
        {
            for (var k = 0; k < _runs.Length; k++)
            {
                var sameLetter = runs[k] == _runs[k] || (runs[k] == 'l' && _runs[k] == 'i');
                if (!sameLetter || lengths[k] < _lengths[k])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
