using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.SmartyPants;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// Markdown to safe HTML. The pipelines and sanitizers are built once and shared: both are
/// thread-safe as long as nobody mutates them after construction. Sanitizing is always the last step.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _articlePipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseSmartyPants()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    // Commenters expect a line break to stay a line break, as in every comment box they have used.
    private readonly MarkdownPipeline _commentPipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseSoftlineBreakAsHardlineBreak()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private readonly HtmlSanitizer _articleSanitizer = SanitizerProfiles.ForArticles();
    private readonly HtmlSanitizer _commentSanitizer = SanitizerProfiles.ForComments();

    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    /// <param name="pictures">The article's library pictures by variant key: they become responsive figures.</param>
    /// <remarks>Video addresses on their own line become click-to-load players after sanitizing (<see cref="VideoEmbeds"/>).</remarks>
    public SafeHtml RenderArticle(string markdown, IReadOnlyDictionary<string, Media.PictureView>? pictures = null) =>
        SafeHtml.FromSanitized(VideoEmbeds.Apply(_articleSanitizer.Sanitize(Parse(markdown, text =>
        {
            var document = Markdown.Parse(text, _articlePipeline);
            HeadingIds.KeepClearOfPageIds(document);
            return Media.LibraryFigures.Apply(document.ToHtml(_articlePipeline), pictures ?? new Dictionary<string, Media.PictureView>());
        }))));

    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public SafeHtml RenderComment(string markdown) => RenderCommentWithText(markdown).Html;

    /// <summary>
    /// A comment's HTML and the text a reader sees of it, from one parse: character references decoded
    /// ("f&amp;#117;ck" reads "fuck"), emphasis and escapes gone. The rules judge what readers will read.
    /// </summary>
    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public RenderedComment RenderCommentWithText(string markdown)
    {
        var (html, text) = Parse(markdown, source =>
        {
            var document = Markdown.Parse(source, _commentPipeline);
            var plain = new StringWriter();
            var renderer = new Markdig.Renderers.HtmlRenderer(plain) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
            _commentPipeline.Setup(renderer);
            renderer.Render(document);
            return (document.ToHtml(_commentPipeline), plain.ToString());
        });

        // Images are not part of the comment dialect: the sanitizer drops <img>, leaving its alt text out too.
        return new RenderedComment(SafeHtml.FromSanitized(_commentSanitizer.Sanitize(html)), text);
    }

    /// <summary>Plain text of the Markdown, for word counts and excerpts.</summary>
    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public string ToPlainText(string markdown) => Parse(markdown, text => Markdown.ToPlainText(text, _articlePipeline));

    /// <summary>
    /// A summary for lists and share cards, from the article's paragraphs: headings, list items, tables and code are
    /// not sentences and would run together into one. An article with no paragraph at all falls back to its other
    /// blocks, each kept apart. Cut at a word boundary with an ellipsis.
    /// </summary>
    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public string Summarise(string markdown, int maxLength)
    {
        var document = Parse(markdown, text => Markdown.Parse(text, _articlePipeline));
        var paragraphs = document.Descendants<ParagraphBlock>()
            .Where(p => p.Parent is MarkdownDocument or QuoteBlock)
            .Select(TextOf)
            .Where(t => t.Length > 0)
            .ToList();
        var text = paragraphs.Count > 0
            ? string.Join(' ', paragraphs)
            : string.Join(" · ", document.Descendants<LeafBlock>().Select(b => b is ParagraphBlock or HeadingBlock ? TextOf(b) : string.Empty).Where(t => t.Length > 0));
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxLength);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : maxLength).TrimEnd(",;:.-–—· "), "…");
    }

    private static bool InPicture(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline { IsImage: true })
            {
                return true;
            }
        }

        return false;
    }

    private static string TextOf(LeafBlock block)
    {
        var text = new StringBuilder();
        // A picture's alt text describes the picture, not the article: excerpts leave it out.
        foreach (var inline in (block.Inline?.Descendants() ?? []).Where(i => i is not Inline child || !InPicture(child)))
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case SmartyPant pant:
                    text.Append(pant.Type switch
                    {
                        SmartyPantType.LeftQuote => "‘",
                        SmartyPantType.RightQuote => "’",
                        SmartyPantType.LeftDoubleQuote => "“",
                        SmartyPantType.RightDoubleQuote => "”",
                        SmartyPantType.LeftAngleQuote => "«",
                        SmartyPantType.RightAngleQuote => "»",
                        SmartyPantType.Ellipsis => "…",
                        SmartyPantType.Dash2 => "–",
                        SmartyPantType.Dash3 => "—",
                        _ => string.Empty,
                    });
                    break;
            }
        }

        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Markdig refuses hostile nesting (thousands of "[", "&gt;" or "1. ") with an ArgumentException, its only
    /// exception for a string input; callers turn ours into a message for the field. It gets there slowly (most of
    /// a second for 10,000 characters), so the plain cases are refused first by a linear look.
    /// </summary>
    private static T Parse<T>(string markdown, Func<string, T> parse)
    {
        if (NestingLimit.IsExceeded(markdown))
        {
            throw new MarkdownTooDeepException(new ArgumentException("Nested deeper than " + NestingLimit.MaxDepth));
        }

        try
        {
            return parse(markdown);
        }
        catch (ArgumentException e)
        {
            throw new MarkdownTooDeepException(e);
        }
    }
}

/// <summary>Text nested too deeply (quotes, lists, brackets, a huge table) for the Markdown parser: bad input, not a fault.</summary>
public sealed class MarkdownTooDeepException(Exception inner) : Exception(UserMessage, inner)
{
    public const string UserMessage =
        "This text nests quotes, lists or brackets too deeply (or holds a table too large) to be shown. Please simplify it.";
}

/// <summary>A comment rendered: the sanitized HTML, and the plain text a reader sees of it.</summary>
public sealed record RenderedComment(SafeHtml Html, string Text);
