using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Properties;

/// <summary>The oracles the properties and the fuzzer judge output by: they must catch what they claim to catch.</summary>
public sealed class OracleTests
{
    [Fact]
    public void The_comment_allowlist_accepts_what_the_renderer_makes_of_a_link() =>
        Assert.Empty(HtmlAllowlist.Comments.Violations(new MarkdownRenderer().RenderComment("**Hi** [a](https://example.com)").Value));

    [Fact]
    public void The_comment_allowlist_flags_an_element_outside_the_profile() =>
        Assert.Contains("element <img>", HtmlAllowlist.Comments.Violations("<p><img src=\"https://example.com/x.png\"></p>"));

    [Fact]
    public void The_comment_allowlist_flags_an_event_handler() =>
        Assert.Contains("attribute onclick on <p>", HtmlAllowlist.Comments.Violations("<p onclick=\"alert(1)\">x</p>"));

    [Fact]
    public void The_comment_allowlist_flags_a_script_url_hidden_by_case_tabs_and_line_breaks() =>
        Assert.Contains(
            "href with scheme javascript: on <a>",
            HtmlAllowlist.Comments.Violations($"<a href=\" \tJaVa&#10;Script:alert(1)\" rel=\"{HtmlAllowlist.CommentLinkRel}\">x</a>"));

    [Fact]
    public void The_comment_allowlist_flags_a_link_without_the_ugc_rel() =>
        Assert.Contains("<a> with rel=\"\" instead of \"nofollow ugc noopener\"", HtmlAllowlist.Comments.Violations("<a href=\"https://example.com\">x</a>"));

    [Fact]
    public void The_article_allowlist_flags_a_style_property_outside_the_profile() =>
        Assert.Contains("style declaration \"color: red\" on <p>", HtmlAllowlist.Articles.Violations("<p style=\"text-align: center; color: red\">x</p>"));

    [Fact]
    public void A_relative_url_has_no_scheme() => Assert.Null(HtmlAllowlist.BrowserScheme("/films/heat?x=a:b"));

    [Theory]
    [InlineData("Jo\u3164", "invisible character U+3164")]
    [InlineData("Jo\u202E", "bidi control U+202E")]
    [InlineData("Jo\u0007", "control character U+0007")]
    [InlineData("Jo  Smith", "two spaces in a row")]
    [InlineData("Rene\u0301", "not in Unicode normalisation form C")]
    public void The_name_oracle_flags_what_a_normalised_name_may_not_hold(string name, string violation) =>
        Assert.Contains(violation, NormalizedText.SingleLineViolations(name));

    [Fact]
    public void The_name_oracle_flags_a_lone_surrogate() =>
        // Not InlineData: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        Assert.Contains("lone surrogate U+D800 at 2", NormalizedText.SingleLineViolations("Jo\uD800"));

    [Fact]
    public void The_name_oracle_lets_a_variation_selector_through() =>
        Assert.Empty(NormalizedText.SingleLineViolations("Jo \u2764\uFE0F"));
}
