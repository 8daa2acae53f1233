using MovieNews.Web.Features.Comments;

namespace MovieNews.UnitTests.Comments;

public sealed class BestScoreTests
{
    [Fact]
    public void A_comment_nobody_liked_scores_zero() => Assert.Equal(0, BestScore.Of(0));

    [Fact]
    public void More_likes_score_higher() => Assert.True(BestScore.Of(3) > BestScore.Of(2));

    [Fact]
    public void Each_further_like_is_worth_less_than_the_one_before() =>
        Assert.True(BestScore.Of(2) - BestScore.Of(1) > BestScore.Of(21) - BestScore.Of(20));

    [Fact]
    public void Negatives_lower_the_score_of_the_same_likes() => Assert.True(BestScore.Of(5, negatives: 5) < BestScore.Of(5));

    [Fact]
    public void The_score_is_a_share_between_zero_and_one() => Assert.InRange(BestScore.Of(10_000), 0.0, 1.0);
}
