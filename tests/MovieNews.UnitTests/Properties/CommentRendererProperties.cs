using AngleSharp.Html.Parser;
using CsCheck;
using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Properties;

/// <summary>The comment renderer on generated Markdown and Unicode, with nothing in front of it.</summary>
public sealed class CommentRendererProperties
{
    private static readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Any_text_renders_or_is_refused_as_too_deep_and_nothing_else() =>
        HostileInput.Text.Sample(text => Render(text), iter: PropertyRuns.Iterations(2000), print: HostileInput.Show);

    [Fact]
    public void Rendered_html_holds_only_the_comment_profiles_elements_attributes_and_url_schemes() =>
        HostileInput.Text.Sample(
            text => Assert.Empty(HtmlAllowlist.Comments.Violations(Render(text))),
            iter: PropertyRuns.Iterations(3000),
            print: HostileInput.Show);

    [Fact]
    public void Deeply_nested_text_renders_to_allowlisted_html_or_is_refused_as_too_deep() =>
        HostileInput.DeeplyNestedMarkdown.Sample(
            text => Assert.Empty(HtmlAllowlist.Comments.Violations(Render(text))),
            iter: PropertyRuns.Iterations(60),
            print: HostileInput.Show);

    [Fact]
    public void Every_rendered_link_is_nofollow_ugc_noopener() =>
        HostileInput.Markdown.Sample(
            text =>
            {
                var document = new HtmlParser().ParseDocument($"<body>{Render(text)}</body>");
                Assert.All(document.QuerySelectorAll("a"), link => Assert.Equal(HtmlAllowlist.CommentLinkRel, link.GetAttribute("rel")));
            },
            iter: PropertyRuns.Iterations(2000),
            print: HostileInput.Show);

    /// <summary>The HTML, or empty when the renderer refuses the text as nested too deeply (its one documented refusal).</summary>
    private static string Render(string text)
    {
        try
        {
            return _renderer.RenderComment(text).Value;
        }
        catch (MarkdownTooDeepException)
        {
            return string.Empty;
        }
    }
}
