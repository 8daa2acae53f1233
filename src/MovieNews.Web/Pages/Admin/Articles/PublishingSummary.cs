using MovieNews.Web.Features.Articles;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Pages.Admin.Articles;

/// <summary>What a save did, said in terms of what readers now see.</summary>
public static class PublishingSummary
{
    public static bool IsUnpublish(ArticleStatus? before, ArticleStatus after) =>
        before is ArticleStatus.Published or ArticleStatus.Scheduled && after is ArticleStatus.Draft or ArticleStatus.InReview;

    public static string After(ArticleStatus? before, Article article, SiteTime siteTime)
    {
        var address = $"/articles/{article.Slug}";
        return (before, article.Status) switch
        {
            (ArticleStatus.InReview, ArticleStatus.InReview) =>
                $"Saved “{article.Title}”: it still waits for review, and readers cannot see it yet.",
            (ArticleStatus.Published or ArticleStatus.Scheduled, ArticleStatus.InReview) =>
                $"Sent “{article.Title}” back to review: readers no longer see it, and {address} answers “not found” until it is published again.",
            (_, ArticleStatus.InReview) =>
                $"Submitted “{article.Title}” for review: the editors have been told. Readers cannot see it until one of them publishes it.",
            (ArticleStatus.InReview, ArticleStatus.Draft) =>
                $"“{article.Title}” is a draft again: it no longer waits for review, and readers cannot see it.",
            (ArticleStatus.Published, ArticleStatus.Published) =>
                $"Updated “{article.Title}”: readers see your changes now at {address}.",
            (_, ArticleStatus.Published) =>
                $"Published “{article.Title}”: readers see it now at {address}, on the home page, the pages of its tags and in the feeds.",
            (ArticleStatus.Scheduled, ArticleStatus.Scheduled) =>
                $"Updated “{article.Title}”: still scheduled, it goes live by itself {siteTime.DateAndTime(article.PublishedUtc!.Value)}.",
            (_, ArticleStatus.Scheduled) =>
                $"Scheduled “{article.Title}”: it goes live by itself {siteTime.DateAndTime(article.PublishedUtc!.Value)} at {address}. Until then readers cannot see it.",
            (ArticleStatus.Published, _) =>
                $"Unpublished “{article.Title}”: readers no longer see it on the home page, its tag pages or the feeds, and {address} answers “not found”.",
            (ArticleStatus.Scheduled, _) =>
                $"Switched “{article.Title}” to a draft: it is no longer scheduled, and readers cannot see it.",
            _ => $"Draft saved: readers cannot see “{article.Title}”.",
        };
    }
}
