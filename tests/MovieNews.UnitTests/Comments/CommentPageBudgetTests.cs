using MovieNews.Web.Features.Comments;

namespace MovieNews.UnitTests.Comments;

public sealed class CommentPageBudgetTests
{
    [Fact]
    public void Threads_that_fit_the_budget_are_not_cut() =>
        Assert.Equal(int.MaxValue, CommentPageBudget.RepliesPerThread([3, 10, 0], 13));

    [Fact]
    public void One_long_thread_gets_what_the_short_ones_leave()
    {
        var perThread = CommentPageBudget.RepliesPerThread([3, 150, 0], 97);

        Assert.Equal(94, perThread);
    }

    [Fact]
    public void Long_threads_share_the_budget_equally_and_never_exceed_it()
    {
        int[] counts = [10, 10, 10, 10, 10, 2];
        var perThread = CommentPageBudget.RepliesPerThread(counts, 25);

        Assert.Equal(4, perThread);
        Assert.True(counts.Sum(c => Math.Min(c, perThread)) <= 25);
    }

    [Fact]
    public void No_budget_left_for_replies_shows_top_level_comments_only() =>
        Assert.Equal(0, CommentPageBudget.RepliesPerThread([5, 1], -3));

    [Fact]
    public void A_page_shows_at_least_a_hundred_comments_and_twice_its_threads() =>
        Assert.Equal((100, 100, 1000), (CommentPageBudget.For(2), CommentPageBudget.For(50), CommentPageBudget.For(500)));
}
