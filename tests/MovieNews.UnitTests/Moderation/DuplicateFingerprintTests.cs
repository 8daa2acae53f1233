using System.Security.Cryptography;
using System.Text;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class DuplicateFingerprintTests
{
    [Theory]
    [InlineData("great  film!")]
    [InlineData("GREAT FILM!")]
    [InlineData("  Great\n\n\tfilm!  ")]
    [InlineData("Great\u00A0film!")]
    public void Case_and_whitespace_do_not_change_the_fingerprint(string body) =>
        Assert.Equal(TextFolding.Fingerprint("Great film!"), TextFolding.Fingerprint(body));

    [Theory]
    [InlineData("**Great** film!")]
    [InlineData("_Great_ film!")]
    [InlineData("*Great* film!")]
    [InlineData("~~Great~~ film!")]
    [InlineData("`Great` film!")]
    public void Markdown_emphasis_strikethrough_and_code_markers_do_not_change_the_fingerprint(string body) =>
        Assert.Equal(TextFolding.Fingerprint("Great film!"), TextFolding.Fingerprint(body));

    [Theory]
    [InlineData("Gre\u200Bat film!")]
    [InlineData("Grеаt film!")] // Cyrillic ie and a
    [InlineData("Ｇｒｅａｔ ｆｉｌｍ！")]
    [InlineData("ɢʀᴇᴀᴛ film!")]
    [InlineData("Gréat film!")]
    public void Invisible_and_look_alike_characters_do_not_change_the_fingerprint(string body) =>
        Assert.Equal(TextFolding.Fingerprint("Great film!"), TextFolding.Fingerprint(body));

    [Theory]
    [InlineData("Great films!")]
    [InlineData("Bad film!")]
    [InlineData("Great film?")]
    [InlineData("Great film!!")]
    [InlineData("Great film")]
    [InlineData("Gr3at film!")]
    [InlineData("film great!")]
    public void A_different_sentence_has_a_different_fingerprint(string body) =>
        Assert.NotEqual(TextFolding.Fingerprint("Great film!"), TextFolding.Fingerprint(body));

    [Fact]
    public void Digits_are_not_read_as_leetspeak() =>
        Assert.NotEqual(TextFolding.Fingerprint("5 stars"), TextFolding.Fingerprint("s stars"));

    [Fact]
    public void The_fingerprint_is_the_first_128_bits_of_SHA_256_of_the_canonical_text_in_lowercase_hex()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("great film!"))[..16]);

        Assert.Equal(expected, TextFolding.Fingerprint("**Great**   FILM!"));
    }
}
