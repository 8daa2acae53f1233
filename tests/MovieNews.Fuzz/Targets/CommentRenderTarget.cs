using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Targets;

/// <summary>The comment renderer alone, on any string: no normaliser or length limit in front of it.</summary>
public sealed class CommentRenderTarget : IFuzzTarget
{
    private readonly MarkdownRenderer _renderer = new();

    public void Run(byte[] input)
    {
        try
        {
            HtmlAllowlist.Comments.Check(_renderer.RenderComment(FuzzInput.Text(input)).Value, "the comment renderer");
        }
        catch (MarkdownTooDeepException)
        {
            // The documented refusal: the moderation service turns it into a field error.
        }
    }
}
