using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Targets;

/// <summary>The article renderer and the plain-text extraction behind excerpts and reading time.</summary>
public sealed class ArticleTarget : IFuzzTarget
{
    private readonly MarkdownRenderer _renderer = new();

    public void Run(byte[] input)
    {
        var markdown = FuzzInput.Text(input);
        try
        {
            HtmlAllowlist.Articles.Check(_renderer.RenderArticle(markdown).Value, "the article renderer");
            _renderer.ToPlainText(markdown);
        }
        catch (MarkdownTooDeepException)
        {
            // The documented refusal: the editor is told to simplify the text.
        }
    }
}
