using CsCheck;
using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Properties;

/// <summary>Step one of moderation on generated Unicode: what comes out is canonical, whatever went in.</summary>
public sealed class TextNormalizerProperties
{
    [Fact]
    public void One_line_text_keeps_no_control_bidi_or_invisible_character() =>
        HostileInput.Unicode.Sample(
            text => Assert.Empty(NormalizedText.SingleLineViolations(TextNormalizer.SingleLine(text))),
            iter: PropertyRuns.Iterations(20_000),
            print: HostileInput.Show);

    [Fact]
    public void One_line_normalising_is_idempotent() =>
        HostileInput.Unicode.Sample(
            text =>
            {
                var once = TextNormalizer.SingleLine(text);
                Assert.Equal(once, TextNormalizer.SingleLine(once));
            },
            iter: PropertyRuns.Iterations(20_000),
            print: HostileInput.Show);

    [Fact]
    public void Multi_line_text_keeps_no_control_character_but_line_breaks_and_tabs() =>
        HostileInput.Unicode.Sample(
            text => Assert.Empty(NormalizedText.MultiLineViolations(TextNormalizer.MultiLine(text))),
            iter: PropertyRuns.Iterations(20_000),
            print: HostileInput.Show);

    [Fact]
    public void Multi_line_normalising_is_idempotent() =>
        HostileInput.Unicode.Sample(
            text =>
            {
                var once = TextNormalizer.MultiLine(text);
                Assert.Equal(once, TextNormalizer.MultiLine(once));
            },
            iter: PropertyRuns.Iterations(20_000),
            print: HostileInput.Show);
}
