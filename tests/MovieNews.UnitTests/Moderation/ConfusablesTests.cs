using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class ConfusablesTests
{
    private const string Sample = """
        # confusables.txt
        # © 2022 Unicode®, Inc.

        0441 ;	0063 ;	MA	# ( с → c ) CYRILLIC SMALL LETTER ES → LATIN SMALL LETTER C
        00F8 ;	006F 0338 ;	MA	# ( ø → o̸ ) LATIN SMALL LETTER O WITH STROKE → LATIN SMALL LETTER O, COMBINING LONG SOLIDUS OVERLAY
        0421 ;	0043 ;	MA	# ( С → C ) CYRILLIC CAPITAL LETTER ES → LATIN CAPITAL LETTER C
        006D ;	0072 006E ;	MA	# ( m → rn ) LATIN SMALL LETTER M → LATIN SMALL LETTER R, LATIN SMALL LETTER N
        0442 ;	1D1B ;	MA	# ( т → ᴛ ) CYRILLIC SMALL LETTER TE → LATIN LETTER SMALL CAPITAL T
        1D0B ;	0138 ;	MA	# ( ᴋ → ĸ ) LATIN LETTER SMALL CAPITAL K → LATIN SMALL LETTER KRA
        043A ;	0138 ;	MA	# ( к → ĸ ) CYRILLIC SMALL LETTER KA → LATIN SMALL LETTER KRA
        """;

    [Fact]
    public void Each_line_maps_its_character_to_the_lowercase_prototype_without_marks()
    {
        var table = Confusables.Parse(new StringReader(Sample));

        Assert.Equal("c", table[0x0441]);
        Assert.Equal("c", table[0x0421]);
        Assert.Equal("o", table[0x00F8]);
    }

    [Fact]
    public void ASCII_lines_are_left_out() =>
        Assert.False(Confusables.Parse(new StringReader(Sample)).ContainsKey('m'));

    [Fact]
    public void A_small_capital_named_as_source_or_target_reads_as_its_letter()
    {
        var table = Confusables.Parse(new StringReader(Sample));

        Assert.Equal("t", table[0x0442]);
        Assert.Equal("t", table[0x1D1B]);
        Assert.Equal("k", table[0x043A]);
        Assert.Equal("k", table[0x0138]);
    }

    [Fact]
    public void The_embedded_data_file_is_Unicode_confusables_with_its_licence_header()
    {
        using var stream = typeof(TextFolding).Assembly.GetManifestResourceStream(Confusables.ResourceName);
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var header = string.Join("\n", Enumerable.Range(0, 9).Select(_ => reader.ReadLine()));

        Assert.StartsWith("# confusables.txt", header.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("© 2022 Unicode®, Inc.", header, StringComparison.Ordinal);
        Assert.Contains("For terms of use, see https://www.unicode.org/terms_of_use.html", header, StringComparison.Ordinal);
        Assert.Contains("Version: 15.0.0", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_non_ASCII_character_of_the_data_file_has_a_prototype()
    {
        using var stream = typeof(TextFolding).Assembly.GetManifestResourceStream(Confusables.ResourceName)!;
        using var reader = new StreamReader(stream);
        var sources = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]))
            {
                sources.Add(Convert.ToInt32(line[..line.IndexOf(' ', StringComparison.Ordinal)], 16));
            }
        }

        var nonAscii = sources.Where(source => source >= 0x80).ToList();
        Assert.InRange(nonAscii.Count, 6000, 7000);
        Assert.All(nonAscii, source => Assert.True(Confusables.TryGetPrototype(source, out _), $"U+{source:X4}"));
    }
}
