using CsCheck;
using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Properties;

/// <summary>The article renderer and its plain-text twin on generated Markdown (raw HTML allowed) and Unicode.</summary>
public sealed class ArticleRendererProperties
{
    private static readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Any_text_renders_or_is_refused_as_too_deep_and_nothing_else() =>
        HostileInput.Text.Sample(text => RenderHtml(text), iter: PropertyRuns.Iterations(2000), print: HostileInput.Show);

    [Fact]
    public void Any_text_gives_plain_text_or_is_refused_as_too_deep_and_nothing_else() =>
        HostileInput.Text.Sample(
            text =>
            {
                try
                {
                    _renderer.ToPlainText(text);
                }
                catch (MarkdownTooDeepException)
                {
                    // The documented refusal.
                }
            },
            iter: PropertyRuns.Iterations(3000),
            print: HostileInput.Show);

    [Fact]
    public void Rendered_html_holds_only_the_article_profiles_elements_attributes_and_url_schemes() =>
        HostileInput.Text.Sample(
            text => Assert.Empty(HtmlAllowlist.Articles.Violations(RenderHtml(text))),
            iter: PropertyRuns.Iterations(3000),
            print: HostileInput.Show);

    [Fact]
    public void Deeply_nested_text_renders_to_allowlisted_html_or_is_refused_as_too_deep() =>
        HostileInput.DeeplyNestedMarkdown.Sample(
            text => Assert.Empty(HtmlAllowlist.Articles.Violations(RenderHtml(text))),
            iter: PropertyRuns.Iterations(60),
            print: HostileInput.Show);

    private static string RenderHtml(string text)
    {
        try
        {
            return _renderer.RenderArticle(text).Value;
        }
        catch (MarkdownTooDeepException)
        {
            return string.Empty;
        }
    }
}
