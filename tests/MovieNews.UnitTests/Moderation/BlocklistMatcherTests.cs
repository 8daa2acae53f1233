using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

public sealed class BlocklistMatcherTests
{
    private readonly BlocklistMatcher _matcher = new(["fuck", "ass", "casino"]);

    [Theory]
    [InlineData("what the fuck")]
    [InlineData("What The FUCK!")]
    [InlineData("f u c k off")]
    [InlineData("f.u.c.k")]
    [InlineData("f-u-c-k")]
    [InlineData("F U C K")]
    public void Blocked_words_are_found_whatever_their_case_or_spacing(string text) =>
        Assert.Equal(["fuck"], _matcher.Find(text));

    [Theory]
    [InlineData("c4s1n0 bonus")]
    [InlineData("C@SINO")]
    [InlineData("ca$ino")]
    [InlineData("Casinos near you")]
    public void Simple_leetspeak_and_common_endings_are_caught(string text) =>
        Assert.Equal(["casino"], _matcher.Find(text));

    [Theory]
    [InlineData("a classic class act")]
    [InlineData("assess the assassin's passage")]
    [InlineData("Cassie and Luke")]
    [InlineData("")]
    public void Words_that_merely_contain_a_blocked_word_are_not_matched(string text) =>
        Assert.Empty(_matcher.Find(text));

    [Fact]
    public void Trailing_punctuation_is_not_read_as_leetspeak() =>
        Assert.Equal(["ass"], _matcher.Find("what an ass!!!"));

    [Fact]
    public void An_empty_blocklist_finds_nothing() => Assert.Empty(new BlocklistMatcher([]).Find("fuck"));
}
