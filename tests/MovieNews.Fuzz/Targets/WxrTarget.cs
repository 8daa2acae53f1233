using MovieNews.Fuzz.Oracles;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Portability;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Fuzz.Targets;

/// <summary>
/// A WordPress export on arbitrary bytes: the importer's database-free reading step, then what the import does to
/// each post and comment before storing it (HTML to Markdown, rendering, plain text, the commenter's website), and
/// with <c>--uploads</c>: where each attachment's file would be looked for (never outside the folder) and the
/// rewriting of upload addresses in the posts.
/// </summary>
public sealed class WxrTarget : IFuzzTarget
{
    private readonly MarkdownRenderer _renderer = new();

    // A folder that need not exist: resolving only looks at the names on the way.
    private readonly UploadsFolder _uploads = new(Path.Combine(Path.GetTempPath(), "movienews-fuzz-uploads"));

    public void Run(byte[] input)
    {
        WxrImporter.WxrExport export;
        try
        {
            using var file = new MemoryStream(input, writable: false);
            export = WxrImporter.ReadExportAsync(file, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (WxrFormatException)
        {
            return;
        }

        var pictures = new ImportedPictures();
        for (var i = 0; i < export.Attachments.Count; i++)
        {
            if (export.Attachments[i].File is { } name && Resolves(name))
            {
                pictures.Add(export.Attachments[i].Id, name, Picture(i));
            }
        }

        foreach (var post in export.Posts)
        {
            Convert(post.ContentHtml, converted =>
            {
                var markdown = pictures.Rewrite(converted);
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

    private bool Resolves(string name)
    {
        try
        {
            if (!_uploads.TryResolve(name, out var path))
            {
                return false;
            }

            if (!path.StartsWith(_uploads.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvariantViolationException($"the attachment file “{name}” resolved outside the uploads folder: {path}");
            }

            return true;
        }
        catch (IOException)
        {
            // The documented refusal of a name the file system cannot look at.
            return false;
        }
    }

    /// <summary>A library picture with one JPEG width, its key made from its number (the rewriting only needs an address).</summary>
    private static MediaItem Picture(int number) => new()
    {
        FileName = "fuzz.jpg",
        AltText = "fuzz",
        Variants = [new MediaVariant { Key = number.ToString("x32", System.Globalization.CultureInfo.InvariantCulture) + ".jpg", Purpose = VariantPurpose.Width, Width = 100 }],
    };

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
