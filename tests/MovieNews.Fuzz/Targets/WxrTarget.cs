using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Portability;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Targets;

/// <summary>
/// A WordPress export on arbitrary bytes: the importer's database-free reading step, then what the import does to
/// each post and comment before storing it (HTML to Markdown, rendering, plain text, the commenter's website).
/// </summary>
public sealed class WxrTarget : IFuzzTarget
{
    private readonly MarkdownRenderer _renderer = new();

    public void Run(byte[] input)
    {
        List<WxrImporter.WxrPost> posts;
        try
        {
            using var file = new MemoryStream(input, writable: false);
            posts = WxrImporter.ReadAsync(file, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (WxrFormatException)
        {
            return;
        }

        foreach (var post in posts)
        {
            Convert(post.ContentHtml, markdown =>
            {
                HtmlAllowlist.Articles.Check(_renderer.RenderArticle(markdown).Value, "an imported post");
                _renderer.ToPlainText(markdown);
            });
            foreach (var comment in post.Comments)
            {
                Convert(comment.ContentHtml, markdown => HtmlAllowlist.Comments.Check(_renderer.RenderComment(markdown).Value, "an imported comment"));
                _ = CommentValidator.ParseWebsite(comment.Url ?? string.Empty)?.AbsoluteUri;
            }
        }
    }

    private static void Convert(string html, Action<string> render)
    {
        try
        {
            render(HtmlToMarkdown.Convert(html));
        }
        catch (MarkdownTooDeepException)
        {
            // The renderer's documented refusal of text nested too deeply.
        }
    }
}
