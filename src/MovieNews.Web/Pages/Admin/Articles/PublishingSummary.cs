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
        var title = article.Title;
        return (before, article.Status) switch
        {
            (ArticleStatus.InReview, ArticleStatus.InReview) =>
                SiteText.Format("Saved “{0}”: it still waits for review, and readers cannot see it yet.", title),
            (ArticleStatus.Published or ArticleStatus.Scheduled, ArticleStatus.InReview) =>
                SiteText.Format("Sent “{0}” back to review: readers no longer see it, and {1} answers “not found” until it is published again.", title, address),
            (_, ArticleStatus.InReview) =>
                SiteText.Format("Submitted “{0}” for review: the editors have been told. Readers cannot see it until one of them publishes it.", title),
            (ArticleStatus.InReview, ArticleStatus.Draft) =>
                SiteText.Format("“{0}” is a draft again: it no longer waits for review, and readers cannot see it.", title),
            (ArticleStatus.Published, ArticleStatus.Published) =>
                SiteText.Format("Updated “{0}”: readers see your changes now at {1}.", title, address),
            (_, ArticleStatus.Published) =>
                SiteText.Format("Published “{0}”: readers see it now at {1}, on the home page, the pages of its tags and in the feeds.", title, address),
            (ArticleStatus.Scheduled, ArticleStatus.Scheduled) =>
                SiteText.Format("Updated “{0}”: still scheduled, it goes live by itself {1}.", title, siteTime.DateAndTime(article.PublishedUtc!.Value)),
            (_, ArticleStatus.Scheduled) =>
                SiteText.Format("Scheduled “{0}”: it goes live by itself {1} at {2}. Until then readers cannot see it.", title, siteTime.DateAndTime(article.PublishedUtc!.Value), address),
            (ArticleStatus.Published, _) =>
                SiteText.Format("Unpublished “{0}”: readers no longer see it on the home page, its tag pages or the feeds, and {1} answers “not found”.", title, address),
            (ArticleStatus.Scheduled, _) =>
                SiteText.Format("Switched “{0}” to a draft: it is no longer scheduled, and readers cannot see it.", title),
            _ => SiteText.Format("Draft saved: readers cannot see “{0}”.", title),
        };
    }
}
