using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Decomposed_accents_are_composed_to_NFC() =>
        Assert.Equal("Amélie", TextNormalizer.SingleLine("Ame\u0301lie"));

    [Fact]
    public void NUL_and_control_characters_are_dropped_from_names() =>
        Assert.Equal("Jo Smith", TextNormalizer.SingleLine("Jo\0 Smi\u0007th\u001b"));

    [Fact]
    public void Line_breaks_in_a_name_become_single_spaces() =>
        Assert.Equal("Jo Smith", TextNormalizer.SingleLine("Jo\r\n\n Smith"));

    [Theory]
    [InlineData("\u202Eevil\u202C")]
    [InlineData("\u2066evil\u2069")]
    [InlineData("\u200Fev\u200Eil")]
    [InlineData("e\u200Bv\u200Ci\u200Dl\uFEFF")]
    [InlineData("ev\u2060il\u00AD")]
    public void Bidi_controls_and_invisible_characters_are_stripped_from_names(string name) =>
        Assert.Equal("evil", TextNormalizer.SingleLine(name));

    [Fact]
    public void Names_are_trimmed_and_inner_whitespace_collapsed() =>
        Assert.Equal("Jo Smith", TextNormalizer.SingleLine("  Jo \t  Smith  "));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n\u00A0\u2003")]
    [InlineData("\u200B\u200B")]
    public void All_whitespace_or_invisible_becomes_empty(string? value)
    {
        Assert.Equal(string.Empty, TextNormalizer.SingleLine(value));
        Assert.Equal(string.Empty, TextNormalizer.MultiLine(value?.Replace("\u200B", " ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Body_keeps_line_breaks_and_normalises_them_to_LF() =>
        Assert.Equal("one\ntwo\n\nthree", TextNormalizer.MultiLine("one\r\ntwo\r\rthree"));

    [Fact]
    public void Body_drops_NUL_and_other_controls_but_keeps_tabs() =>
        Assert.Equal("a\tb c", TextNormalizer.MultiLine("a\tb\0 \u0008c\u007F"));

    [Fact]
    public void Body_is_trimmed() =>
        Assert.Equal("text", TextNormalizer.MultiLine("\n\n  text  \n"));

    [Fact]
    public void Lone_surrogates_are_replaced_instead_of_breaking_normalisation() =>
        Assert.Equal("a\uFFFDb\uFFFD", TextNormalizer.MultiLine("a\uD800b\uDC00"));

    [Fact]
    public void Emoji_survive() =>
        Assert.Equal("Loved it 😭🍿", TextNormalizer.MultiLine("Loved it 😭🍿"));
}
