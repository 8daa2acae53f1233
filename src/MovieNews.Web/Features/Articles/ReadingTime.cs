namespace MovieNews.Web.Features.Articles;

public static class ReadingTime
{
    /// <summary>A common adult silent-reading pace for online prose.</summary>
    public const int WordsPerMinute = 230;

    public static int Minutes(string plainText)
    {
        var words = plainText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return Math.Max(1, (int)Math.Ceiling(words / (double)WordsPerMinute));
    }
}
