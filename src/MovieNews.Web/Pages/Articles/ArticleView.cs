using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.Web.Pages.Articles;

public sealed record ArticleView(
    int Id,
    string Slug,
    string Title,
    string Excerpt,
    string AuthorName,
    DateTime PublishedUtc,
    DateTime UpdatedUtc,
    int ReadingMinutes,
    string BodyHtml,
    bool CommentsOpen,
    IReadOnlyList<TagLink> Tags,
    int Version,
    int CommentsVersion,
    int? FeaturedMediaId)
{
    /// <summary>
    /// Changes whenever the article or anything readers see of its comments changes, and when its comments close
    /// by age (which no save marks).
    /// </summary>
    public string ETagFor(bool commentsOpen) => $"W/\"{Version}.{CommentsVersion}{(commentsOpen ? "" : ".closed")}\"";

    public SafeHtml Body => SafeHtml.FromStored(BodyHtml);

    public static IQueryable<ArticleView> Project(IQueryable<Article> articles) =>
        articles.AsSplitQuery().Select(a => new ArticleView(
            a.Id,
            a.Slug,
            a.Title,
            a.Excerpt,
            a.AuthorName,
            a.PublishedUtc!.Value,
            a.UpdatedUtc,
            a.ReadingMinutes,
            a.BodyHtml,
            a.CommentsOpen,
            a.Tags.OrderBy(t => t.Name).Select(t => new TagLink(t.Slug, t.Name)).ToList(),
            a.Version,
            a.CommentsVersion,
            a.FeaturedMediaId));
}

public sealed record ReplyTarget(int Id, string AuthorName);

/// <param name="Editable">This reader's own comments whose edit window is open (a personal page only).</param>
public sealed record CommentListModel(
    string ArticleSlug, int Page, IReadOnlyList<Features.Comments.CommentNode<Features.Comments.CommentView>> Nodes, IReadOnlyCollection<int>? Editable = null)
{
    public string PageQuery => Page == 1 ? string.Empty : $"cpage={Page}&";
}

public sealed record CommentFieldModel(
    string Field, string Label, string? Value, string? Error, bool Required, int MaxLength, string Type, string AutoComplete, string? InputMode = null);
