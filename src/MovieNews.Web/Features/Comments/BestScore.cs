namespace MovieNews.Web.Features.Comments;

/// <summary>
/// The "best" order: the lower bound of the Wilson score interval (95 %) for the share of readers who liked a
/// comment. The site counts no views, so the trials are the likes plus a fixed prior of <see cref="PriorReaders"/>
/// readers who saw the comment and did not like it. The prior keeps one early like from outranking a comment many
/// readers liked, and makes each further like worth a little less; with no negative signal yet the order is the
/// order of like counts (ties oldest first). Open (not dismissed) reader reports are the negatives: they join the
/// trials, so a comment as liked as another but reported sinks below it.
/// </summary>
public static class BestScore
{
    public const int PriorReaders = 10;
    private const double Z = 1.959964;

    public static double Of(int likes, int negatives = 0)
    {
        var n = likes + negatives + PriorReaders;
        if (likes <= 0)
        {
            return 0;
        }

        var p = likes / (double)n;
        var z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.Sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
    }
}
