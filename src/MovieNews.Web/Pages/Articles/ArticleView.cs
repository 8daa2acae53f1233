using Microsoft.EntityFrameworkCore;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Comments;
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
    int? FeaturedMediaId,
    bool CustomByline,
    int? SeriesId)
{
    /// <summary>Read apart, and only for a byline made from its authors (<see cref="CustomByline"/> false): a typed byline links nowhere.</summary>
    public IReadOnlyList<Features.Authors.AuthorLink> Authors { get; init; } = [];

    public Features.Authors.Byline Byline => new(AuthorName, CustomByline, Authors);

    /// <summary>
    /// Changes whenever the article or anything readers see of its comments changes, and when its comments close
    /// by age (which no save marks).
    /// </summary>
    /// <param name="look">What else the page is rendered with: the reader's theme and the site's time zone.</param>
    public string ETagFor(bool commentsOpen, string look) => $"W/\"{Version}.{CommentsVersion}{(commentsOpen ? "" : ".closed")}.{look}\"";

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
            a.FeaturedMediaId,
            a.CustomByline,
            a.SeriesId));
}

public sealed record ReplyTarget(int Id, string AuthorName);

/// <param name="Editable">This reader's own comments whose edit window is open (a personal page only).</param>
public sealed record CommentListModel(
    string ArticleSlug, int Page, IReadOnlyList<CommentNode<CommentView>> Nodes, CommentSort Sort = CommentSort.Oldest, IReadOnlyCollection<int>? Editable = null)
{
    /// <summary>Replies of a top-level comment are shown open when there are at most this many; longer threads start collapsed.</summary>
    public const int OpenThreadReplies = 5;

    /// <summary>The order and page, in canonical order, ready for more parameters: "" or "sort=best&amp;cpage=2&amp;".</summary>
    public string PageQuery => string.Concat(
        Sort.QueryValue() is { } sort ? $"sort={sort}&" : "",
        Page == 1 ? "" : $"cpage={Page}&");

    /// <summary>The same as a whole query: "" or "?sort=best&amp;cpage=2".</summary>
    public string Query => PageQuery.Length == 0 ? string.Empty : "?" + PageQuery.TrimEnd('&');

    /// <summary>
    /// The id of the page's one like form, which every comment's Like button names in its <c>form</c> attribute. It has
    /// a dot, which the ids Markdown gives an article's headings never have: a heading "Like" (id "like") must not
    /// take the buttons' form from them.
    /// </summary>
    public const string LikeFormId = "comments.like";

    /// <summary>Set on a thread's own pages (<see cref="CommentThreadModel"/>): the top-level comment whose replies they show.</summary>
    public int? ThreadRootId { get; init; }

    /// <summary>Threads this page cuts short: top-level comment id → replies shown only on the thread's own pages.</summary>
    public IReadOnlyDictionary<int, int> MoreReplies { get; init; } = new Dictionary<int, int>();

    /// <summary>Where the like form posts (the button says which comment); the answer comes back to the comment on this page.</summary>
    public string LikeAction => ThreadRootId is { } root
        ? $"/articles/{ArticleSlug}/like?thread={root}{(Page == 1 ? "" : $"&cpage={Page}")}"
        : $"/articles/{ArticleSlug}/like{Query}";

    /// <summary>A Reply link's address, less the comment's id: the comment form is on the article's page.</summary>
    public string ReplyQuery => ThreadRootId is null ? $"?{PageQuery}replyto=" : $"/articles/{ArticleSlug}?replyto=";

    public static int CountReplies(CommentNode<CommentView> node) => node.Replies.Sum(r => 1 + CountReplies(r));
}

public sealed record CommentFieldModel(
    string Field, string Label, string? Value, string? Error, bool Required, int MaxLength, string Type, string AutoComplete, string? InputMode = null);
