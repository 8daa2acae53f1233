using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Properties;

/// <summary>Counterexamples the normaliser properties (and the comment fuzzer) found, shrunk, kept as plain tests.</summary>
public sealed class TextNormalizerRegressionTests
{
    [Fact]
    public void U_FFFE_in_a_one_line_field_becomes_a_replacement_character_instead_of_throwing() =>
        Assert.Equal("\uFDE4\uFFFD", TextNormalizer.SingleLine("\uFDE4\uFFFE\n"));

    [Fact]
    public void U_FFFE_in_a_body_becomes_a_replacement_character_instead_of_throwing() =>
        Assert.Equal("/!\uFFFD\uAC24", TextNormalizer.MultiLine("/!\uFFFE\uAC24"));

    [Theory]
    [InlineData("\u115F")]
    [InlineData("\u1160")]
    [InlineData("\u3164")]
    [InlineData("\uFFA0")]
    public void A_name_of_a_Hangul_filler_alone_is_empty(string name) =>
        Assert.Equal(string.Empty, TextNormalizer.SingleLine(name));

    [Fact]
    public void Khmer_inherent_vowels_which_draw_nothing_are_dropped_from_names() =>
        Assert.Equal("Reader", TextNormalizer.SingleLine("Rea\u17B4der\u17B5"));

    [Theory]
    [InlineData("\u2065")]
    [InlineData("\uFFF6")]
    [InlineData("\U000E0080")]
    public void Code_points_reserved_as_invisible_are_dropped_from_names(string invisible) =>
        Assert.Equal("Reader", TextNormalizer.SingleLine($"Read{invisible}er"));

    [Fact]
    public void Variation_selectors_stay_in_names_because_they_only_style_the_character_before_them() =>
        Assert.Equal("Jo \u2764\uFE0F", TextNormalizer.SingleLine("Jo \u2764\uFE0F"));

    [Fact]
    public void A_letter_and_its_accent_split_by_a_dropped_character_come_out_composed_in_a_name() =>
        Assert.Equal("Ren\u00E9e", TextNormalizer.SingleLine("Rene\u200B\u0301e"));

    [Fact]
    public void A_letter_and_its_accent_split_by_a_dropped_control_come_out_composed_in_a_body() =>
        Assert.Equal("caf\u00E9", TextNormalizer.MultiLine("cafe\u0001\u0301"));

    [Fact]
    public void Normalising_a_normalised_name_changes_nothing() =>
        Assert.Equal(TextNormalizer.SingleLine("Rene\u200B\u0301e"), TextNormalizer.SingleLine(TextNormalizer.SingleLine("Rene\u200B\u0301e")));
}
