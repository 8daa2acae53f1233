using System.Globalization;

namespace MovieNews.Web.Infrastructure;

public static class DisplayFormat
{
    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string ReadingTime(int minutes) => minutes == 1 ? "1 min read" : $"{minutes} min read";

    /// <summary>"1 comment", "12 comments".</summary>
    public static string CommentCount(int count) =>
        count == 1 ? "1 comment" : string.Create(CultureInfo.InvariantCulture, $"{count} comments");
}
