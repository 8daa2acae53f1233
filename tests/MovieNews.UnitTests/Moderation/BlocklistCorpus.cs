using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

/// <summary>The corpora in tests/data/blocklist-*.txt and the blocklist they are checked against.</summary>
public static partial class BlocklistCorpus
{
    /// <summary>Added to the default list so that words inside innocent ones ("class", "scrap") are tested too.</summary>
    public static readonly string[] TestWords = ["ass", "crap", "spoiler", "casino"];

    public static IReadOnlyList<string> DefaultBlockedWords { get; } = ReadDefaultBlockedWords();

    public static IReadOnlyList<string> BlockedWords { get; } = [.. DefaultBlockedWords, .. TestWords];

    public static IReadOnlyList<(string Word, string Text)> Disguises { get; } = Lines("blocklist-disguises.txt")
        .Select(line => (line[..line.IndexOf(' ', StringComparison.Ordinal)], Unescape(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..])))
        .ToList();

    public static IReadOnlyList<string> Innocent { get; } = Lines("blocklist-innocent.txt").Select(Unescape).ToList();

    public static TheoryData<int> DisguiseIndexes() => Indexes(Disguises.Count);

    public static TheoryData<int> InnocentIndexes() => Indexes(Innocent.Count);

    /// <summary>"\u{200B}" in a corpus line is the character U+200B.</summary>
    public static string Unescape(string line) =>
        EscapedCodePoint().Replace(line, m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    private static TheoryData<int> Indexes(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static IEnumerable<string> Lines(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    /// <summary>The list the app ships with, read from its appsettings.json so the corpora follow any change to it.</summary>
    private static string[] ReadDefaultBlockedWords()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        return settings.RootElement.GetProperty(ModerationOptions.Section).GetProperty(nameof(ModerationOptions.BlockedWords))
            .EnumerateArray()
            .Select(word => word.GetString()!)
            .ToArray();
    }

    [GeneratedRegex(@"\\u\{([0-9A-Fa-f]{1,6})\}")]
    private static partial Regex EscapedCodePoint();
}
