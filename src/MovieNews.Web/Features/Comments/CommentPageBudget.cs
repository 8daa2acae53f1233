namespace MovieNews.Web.Features.Comments;

/// <summary>
/// How many comments one page shows at most, however long its threads grow: every top-level comment of the page,
/// then replies shared out so the short threads show whole and the long ones show their oldest replies up to a
/// common level, with a link to the rest of the thread (its own pages, <c>/comments/{id}/thread</c>). A page that
/// fits shows everything, as before.
/// </summary>
public static class CommentPageBudget
{
    /// <summary>The fewest comments a page may show before threads are cut.</summary>
    public const int MinimumComments = 100;

    /// <summary>The most comments a page of <paramref name="threadsPerPage"/> threads shows (and a thread page's replies).</summary>
    public static int For(int threadsPerPage) => Math.Max(MinimumComments, 2 * threadsPerPage);

    /// <summary>
    /// The most replies any one thread shows when <paramref name="replyBudget"/> replies are shared among threads
    /// with <paramref name="replyCounts"/> replies (a water level: threads below it show all of theirs);
    /// <see cref="int.MaxValue"/> when everything fits.
    /// </summary>
    public static int RepliesPerThread(IEnumerable<int> replyCounts, int replyBudget)
    {
        var counts = replyCounts.Order().ToList();
        var left = Math.Max(0, replyBudget);
        for (var i = 0; i < counts.Count; i++)
        {
            var threadsLeft = counts.Count - i;
            if ((long)counts[i] * threadsLeft > left)
            {
                return left / threadsLeft;
            }

            left -= counts[i];
        }

        return int.MaxValue;
    }
}
