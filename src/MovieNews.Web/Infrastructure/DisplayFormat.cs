using System.Globalization;

using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Infrastructure;

public static class DisplayFormat
{
    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string ReadingTime(int minutes) => minutes == 1 ? SiteText.Get("1 min read") : SiteText.Format("{0} min read", Number(minutes));

    /// <summary>"1 comment", "12 comments", "1.234 Kommentare".</summary>
    public static string CommentCount(int count) =>
        count == 1 ? SiteText.Get("1 comment") : SiteText.Format("{0} comments", Number(count));

    /// <summary>A count as the page's language writes it ("1,234", "1.234").</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentUICulture);
}
