using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MovieNews.Web.Features.Moderation;

/// <summary>
/// Unicode's confusable mappings (UTS #39, <c>Data/confusables.txt</c> as published with Unicode 15.0, taken
/// unchanged from ICU 72's source): each look-alike character and the prototype it is visually confused with
/// ("с" Cyrillic es → "c"). Parsed once, on first use.
/// </summary>
internal static partial class Confusables
{
    internal const string ResourceName = "MovieNews.Web.Moderation.confusables.txt";

    /// <summary>
    /// The three Latin small capitals that no line of confusables.txt names (nothing else looks like them), so
    /// the rule in <see cref="NoteSmallCapitals"/> cannot find them: ꜰ, ɴ, ꞯ.
    /// </summary>
    private static readonly (int CodePoint, char Letter)[] _smallCapitalsWithoutLookAlikes = [(0xA730, 'f'), (0x0274, 'n'), (0xA7AF, 'q')];

    private static readonly Lazy<FrozenDictionary<int, string>> _prototypes = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many characters have a prototype (the source lines of the data file plus the small capitals below).</summary>
    internal static int Count => _prototypes.Value.Count;

    /// <summary>
    /// The folded prototype of a non-ASCII code point: lowercase, without combining marks, with Latin small
    /// capitals read as their letter. False when the character is not a known look-alike.
    /// </summary>
    internal static bool TryGetPrototype(int codePoint, out string prototype) =>
        _prototypes.Value.TryGetValue(codePoint, out prototype!);

    internal static FrozenDictionary<int, string> Parse(TextReader reader)
    {
        var targets = new Dictionary<int, int[]>();
        var smallCapitals = new Dictionary<int, char>();
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var data = hash < 0 ? line : line[..hash];
            var fields = data.Split(';', StringSplitOptions.TrimEntries);
            if (fields.Length < 3 || fields[0].Length == 0)
            {
                continue;
            }

            var source = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var target = fields[1]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(hex => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                .ToArray();
            targets[source] = target;

            if (hash >= 0)
            {
                NoteSmallCapitals(line[(hash + 1)..], source, target, smallCapitals);
            }
        }

        foreach (var (codePoint, letter) in _smallCapitalsWithoutLookAlikes)
        {
            smallCapitals.TryAdd(codePoint, letter);
        }

        var prototypes = new Dictionary<int, string>(targets.Count + smallCapitals.Count);
        foreach (var (source, target) in targets)
        {
            // ASCII keeps its own reading (TextFolding says why), so its lines ("m" → "rn") are not needed.
            if (source >= 0x80)
            {
                prototypes[source] = Fold(target, smallCapitals);
            }
        }

        foreach (var (codePoint, letter) in smallCapitals)
        {
            prototypes.TryAdd(codePoint, letter.ToString());
        }

        return prototypes.ToFrozenDictionary();
    }

    /// <summary>
    /// UTS #39 keeps Latin small capitals as prototypes of their own ("т" → "ᴛ", "к" → "ĸ", the class of "ᴋ"),
    /// because it compares shapes at one case. A blocklist compares letters whatever their case, and a small
    /// capital is its letter in another case; the names in the file's comments say which letter that is.
    /// </summary>
    private static void NoteSmallCapitals(string comment, int source, int[] target, Dictionary<int, char> smallCapitals)
    {
        // The comment reads "( x → y ) SOURCE NAME → TARGET NAME\t# …", with a comma between the target's names.
        var end = comment.IndexOf('#', StringComparison.Ordinal);
        var names = comment[(comment.IndexOf(')', StringComparison.Ordinal) + 1)..(end < 0 ? comment.Length : end)]
            .Split('→', StringSplitOptions.TrimEntries);
        if (names.Length != 2 || target.Length != 1 || target[0] < 0x80)
        {
            return;
        }

        if (SmallCapitalName().Match(names[0]) is { Success: true } sourceName)
        {
            var letter = char.ToLowerInvariant(sourceName.Groups[1].Value[0]);
            smallCapitals.TryAdd(source, letter);
            smallCapitals.TryAdd(target[0], letter);
        }
        else if (SmallCapitalName().Match(names[1]) is { Success: true } targetName)
        {
            smallCapitals.TryAdd(target[0], char.ToLowerInvariant(targetName.Groups[1].Value[0]));
        }
    }

    private static string Fold(int[] target, Dictionary<int, char> smallCapitals)
    {
        var result = new StringBuilder(target.Length);
        foreach (var codePoint in target)
        {
            if (smallCapitals.TryGetValue(codePoint, out var letter))
            {
                result.Append(letter);
                continue;
            }

            var rune = new Rune(codePoint);
            if (!TextFolding.IsMarkOrIgnorable(rune))
            {
                result.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return result.ToString();
    }

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(Confusables).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }

    [GeneratedRegex("^LATIN LETTER SMALL CAPITAL ([A-Z])$", RegexOptions.CultureInvariant)]
    private static partial Regex SmallCapitalName();
}
