using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class CanonicalChoicesTests
{
    private static readonly CanonicalQueryAttribute _rules = new("sort", "cpage") { PageNumbers = ["cpage"], Choices = ["sort=oldest|newest|best"] };

    [Theory]
    [InlineData("/a?sort=newest")]
    [InlineData("/a?sort=best&cpage=2")]
    [InlineData("/a")]
    public void A_known_choice_in_lower_case_is_canonical(string target) => Assert.Null(CanonicalAddresses.CanonicalFor(target, _rules));

    [Theory]
    [InlineData("/a?sort=oldest", "/a")]
    [InlineData("/a?sort=Newest", "/a?sort=newest")]
    [InlineData("/a?Sort=best", "/a?sort=best")]
    [InlineData("/a?sort=%62est", "/a?sort=best")]
    [InlineData("/a?sort=", "/a")]
    [InlineData("/a?sort=random", "/a")]
    [InlineData("/a?cpage=2&sort=best", "/a?sort=best&cpage=2")]
    public void The_default_and_unknown_choices_are_left_out_and_other_spellings_lowered(string target, string canonical) =>
        Assert.Equal(canonical, CanonicalAddresses.CanonicalFor(target, _rules));
}
