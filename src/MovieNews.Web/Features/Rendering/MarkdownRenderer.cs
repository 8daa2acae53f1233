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

    public SafeHtml RenderArticle(string markdown) =>
        SafeHtml.FromSanitized(_articleSanitizer.Sanitize(Markdown.ToHtml(markdown, _articlePipeline)));

    public SafeHtml RenderComment(string markdown)
    {
        // Images are not part of the comment dialect: the sanitizer drops <img>, leaving its alt text out too.
        var html = Markdown.ToHtml(markdown, _commentPipeline);
        return SafeHtml.FromSanitized(_commentSanitizer.Sanitize(html));
    }

    /// <summary>Plain text of the Markdown, for word counts and excerpts.</summary>
    public string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, _articlePipeline);
}
