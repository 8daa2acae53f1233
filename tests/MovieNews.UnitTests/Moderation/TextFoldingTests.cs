using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class TextFoldingTests
{
    [Fact]
    public void Plain_ASCII_is_only_lowercased() =>
        Assert.Equal("hello, world! 1 l m rn", TextFolding.Fold("Hello, World! 1 l M rn"));

    [Theory]
    [InlineData("ＦＩＬＭ", "film")]
    [InlineData("𝐟𝐢𝐥𝐦", "film")]
    [InlineData("𝓯𝓲𝓵𝓶", "film")]
    [InlineData("𝔣𝔦𝔩𝔪", "film")]
    [InlineData("ⓕⓘⓛⓜ", "film")]
    [InlineData("ﬁlm", "film")]
    [InlineData("x²", "x2")]
    public void Compatibility_forms_become_their_plain_letters(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("\u200B")] // zero-width space
    [InlineData("\u200C")] // zero-width non-joiner
    [InlineData("\u200D")] // zero-width joiner
    [InlineData("\u2060")] // word joiner
    [InlineData("\u00AD")] // soft hyphen
    [InlineData("\uFEFF")] // byte order mark
    [InlineData("\u180E")] // Mongolian vowel separator
    [InlineData("\u200E")] // left-to-right mark
    [InlineData("\u2066")] // left-to-right isolate
    [InlineData("\u2062")] // invisible times
    [InlineData("\uFE0F")] // variation selector 16
    [InlineData("\U000E0100")] // variation selector 17
    [InlineData("\U000E0041")] // tag letter A
    [InlineData("\u034F")] // combining grapheme joiner
    [InlineData("\u3164")] // Hangul filler
    [InlineData("\u115F")] // Hangul choseong filler
    public void Invisible_characters_inside_a_word_disappear(string invisible) =>
        Assert.Equal("word", TextFolding.Fold($"wo{invisible}rd"));

    [Theory]
    [InlineData("Amélie", "amelie")]
    [InlineData("Ame\u0301lie", "amelie")]
    [InlineData("Z\u0338\u0322a\u0334\u0335l\u0336g\u0337o\u20DD", "zalgo")]
    [InlineData("Antonín Dvořák", "antonin dvorak")]
    public void Combining_marks_are_stripped(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("сосо", "coco")] // Cyrillic es, o
    [InlineData("ΤΟΡ", "top")] // Greek capitals tau, omicron, rho
    [InlineData("οιν", "oiv")] // Greek small omicron, iota, nu
    [InlineData("հօս", "hou")] // Armenian ho, oh, seh
    [InlineData("ᏚᎪᎢ", "sat")] // Cherokee de, go, i
    [InlineData("ǃ", "!")] // Latin letter retroflex click
    public void Look_alike_letters_from_other_scripts_become_the_Latin_letter_they_imitate(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("ø", "o")] // prototype o with a stroke overlay
    [InlineData("đ", "d")]
    [InlineData("¢", "c")]
    public void Marks_in_a_prototype_are_stripped_too(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("ꜱᴍᴀʟʟ ᴄᴀᴘꜱ", "small caps")]
    [InlineData("ꜰɪɴᴇ", "fine")]
    [InlineData("тк", "tk")] // Cyrillic te and ka, whose prototypes are the small capitals T and K
    public void Small_capitals_read_as_their_letter(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Theory]
    [InlineData("Straße", "strasse")]
    [InlineData("STRAẞE", "strasse")]
    public void Sharp_s_folds_to_ss(string text, string folded) =>
        Assert.Equal(folded, TextFolding.Fold(text));

    [Fact]
    public void ASCII_inside_non_ASCII_text_keeps_its_own_reading() =>
        Assert.Equal("m1i | 0 'rn'", TextFolding.Fold("M1I | 0 ’rn’"));

    [Fact]
    public void Letters_without_a_look_alike_are_only_lowercased() =>
        Assert.Equal("жж 映画", TextFolding.Fold("Жж 映画"));

    [Fact]
    public void A_lone_surrogate_becomes_the_replacement_character() =>
        Assert.Equal("a\uFFFDb", TextFolding.Fold("a\uD800b"));

    [Fact]
    public void Empty_text_folds_to_empty() => Assert.Equal(string.Empty, TextFolding.Fold(string.Empty));
}
