using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;

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
    public SafeHtml RenderArticle(string markdown) =>
        SafeHtml.FromSanitized(_articleSanitizer.Sanitize(Parse(() => Markdown.ToHtml(markdown, _articlePipeline))));

    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public SafeHtml RenderComment(string markdown)
    {
        // Images are not part of the comment dialect: the sanitizer drops <img>, leaving its alt text out too.
        var html = Parse(() => Markdown.ToHtml(markdown, _commentPipeline));
        return SafeHtml.FromSanitized(_commentSanitizer.Sanitize(html));
    }

    /// <summary>Plain text of the Markdown, for word counts and excerpts.</summary>
    /// <exception cref="MarkdownTooDeepException">The text nests deeper than Markdig will parse.</exception>
    public string ToPlainText(string markdown) => Parse(() => Markdown.ToPlainText(markdown, _articlePipeline));

    /// <summary>
    /// Markdig refuses hostile nesting (thousands of "[", "&gt;" or "1. ") with an ArgumentException, its only
    /// exception for a string input; callers turn ours into a message for the field.
    /// </summary>
    private static string Parse(Func<string> parse)
    {
        try
        {
            return parse();
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
