using System.Globalization;
using System.Xml.Linq;
using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.Web.Features.Portability;

/// <summary>
/// The site as a WordPress export (WXR 1.2), so it can move to WordPress or anything that reads WXR: articles
/// (as their rendered HTML), tags, and comments with threads and states. Revisions have no place in WXR; the
/// JSON export keeps them.
/// </summary>
public static class WxrExporter
{
    private static readonly XNamespace _wp = "http://wordpress.org/export/1.2/";
    private static readonly XNamespace _content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace _excerpt = "http://wordpress.org/export/1.2/excerpt/";
    private static readonly XNamespace _dc = "http://purl.org/dc/elements/1.1/";

    public static XDocument Build(SiteExport export, string siteUrl, Func<string, string> renderArticle, Func<string, string> renderComment) =>
        new(new XDeclaration("1.0", "UTF-8", null), new XElement("rss",
            new XAttribute("version", "2.0"),
            new XAttribute(XNamespace.Xmlns + "excerpt", _excerpt),
            new XAttribute(XNamespace.Xmlns + "content", _content),
            new XAttribute(XNamespace.Xmlns + "dc", _dc),
            new XAttribute(XNamespace.Xmlns + "wp", _wp),
            new XElement("channel",
                new XElement("title", "MovieNews"),
                new XElement("link", siteUrl),
                new XElement(_wp + "wxr_version", "1.2"),
                export.Articles.Where(a => a.DeletedUtc is null).Select((article, index) => Item(article, index + 1, siteUrl, renderArticle, renderComment)))));

    private static XElement Item(ArchivedArticle article, int id, string siteUrl, Func<string, string> renderArticle, Func<string, string> renderComment) =>
        new("item",
            new XElement("title", article.Title),
            new XElement("link", $"{siteUrl}/articles/{article.Slug}"),
            new XElement(_dc + "creator", new XCData(article.AuthorName)),
            new XElement(_content + "encoded", new XCData(renderArticle(article.BodyMarkdown))),
            new XElement(_excerpt + "encoded", new XCData(article.Excerpt)),
            new XElement(_wp + "post_id", id),
            new XElement(_wp + "post_date_gmt", Date(article.PublishedUtc ?? article.CreatedUtc)),
            new XElement(_wp + "comment_status", article.CommentsOpen ? "open" : "closed"),
            new XElement(_wp + "post_name", article.Slug),
            new XElement(_wp + "status", article.Status switch
            {
                ArticleStatus.Published => "publish",
                ArticleStatus.Scheduled => "future",
                ArticleStatus.InReview => "pending",
                _ => "draft",
            }),
            new XElement(_wp + "post_type", "post"),
            article.Tags.Select(tag => new XElement("category", new XAttribute("domain", "post_tag"), new XAttribute("nicename", Slug.From(tag)), new XCData(tag))),
            article.Comments.Select(c => new XElement(_wp + "comment",
                new XElement(_wp + "comment_id", c.Key),
                new XElement(_wp + "comment_author", new XCData(c.AuthorName)),
                new XElement(_wp + "comment_author_email", c.AuthorEmail ?? string.Empty),
                new XElement(_wp + "comment_author_url", c.AuthorWebsite ?? string.Empty),
                new XElement(_wp + "comment_date_gmt", Date(c.CreatedUtc)),
                new XElement(_wp + "comment_content", new XCData(renderComment(c.BodyMarkdown))),
                new XElement(_wp + "comment_approved", c.Status switch
                {
                    CommentStatus.Approved => "1",
                    CommentStatus.Spam => "spam",
                    CommentStatus.Trash => "trash",
                    _ => "0",
                }),
                new XElement(_wp + "comment_parent", c.ParentKey ?? 0))));

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
