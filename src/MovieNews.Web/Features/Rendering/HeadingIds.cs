using System.Text.RegularExpressions;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace MovieNews.Web.Features.Rendering;

/// <summary>
/// An article's headings get ids from their text (so "## Cast" is <c>#cast</c>), and the article page has ids of its
/// own: a heading "Comments" or "Comment 12" would take <c>#comments</c> from the comment section, or a comment's
/// address, from them. Such a heading's id becomes "section-" and its own (and a number, should that be taken too).
/// </summary>
public static partial class HeadingIds
{
    /// <summary>The ids the article page and its layout give their own elements (Show.cshtml, _CommentForm, _Layout).</summary>
    private static readonly HashSet<string> _pageIds =
    [
        "main", "article-title", "comments", "comments-title", "picks-title", "respond", "respond-title",
        "form-message", "form-message-text", "body-help", "notify-help", "parent-error",
    ];

    public static bool IsPageId(string id) => _pageIds.Contains(id) || CommentId().IsMatch(id);

    public static void KeepClearOfPageIds(MarkdownDocument document)
    {
        var headings = document.Descendants<HeadingBlock>().Select(h => h.GetAttributes()).Where(a => a.Id is not null).ToList();
        var taken = headings.Select(a => a.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var attributes in headings.Where(a => IsPageId(a.Id!)))
        {
            // No page id starts with "section-", so only another heading can hold the new id.
            var id = "section-" + attributes.Id;
            for (var n = 2; taken.Contains(id); n++)
            {
                id = $"section-{attributes.Id}-{n}";
            }

            taken.Add(id);
            attributes.Id = id;
        }
    }

    /// <summary>A comment's article and its parts: <c>comment-12</c>, <c>comment-12-author</c>, and any id under them.</summary>
    [GeneratedRegex("^comment-[0-9]+(-|$)", RegexOptions.CultureInvariant)]
    private static partial Regex CommentId();
}
