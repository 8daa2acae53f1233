using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Moderation;

/// <summary>
/// The blocklist and the duplicate rule judge what a reader will read, not only the Markdown typed: a character
/// reference, emphasis inside a word or an escape shows the same word, and invisible additions show the same comment.
/// </summary>
public sealed class VisibleTextRulesTests
{
    private readonly ModerationTestKit _kit = new();

    [Theory]
    [InlineData("f&#117;ck this film")]
    [InlineData("&#102;&#117;&#99;&#107;")]
    [InlineData("&#x66;uck")]
    [InlineData("fu&shy;ck")]
    [InlineData("f**uck** that")]
    [InlineData("fu*ck*")]
    [InlineData("`fuck`")]
    public async Task A_blocked_word_readers_would_read_holds_the_comment(string body)
    {
        var comment = await _kit.AcceptedAsync(body);

        Assert.Equal(CommentStatus.Pending, comment.Verdict);
        Assert.Contains(comment.Reasons, r => r.StartsWith("Blocked words", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Great film!&#8203;")]
    [InlineData("Great&nbsp;film!")]
    [InlineData("Great film! [](https://example.com)")]
    [InlineData("Great film!\u2800")]
    [InlineData("Gre&#97;t film!")]
    [InlineData("_Great_ film!")]
    public async Task What_reads_the_same_as_an_earlier_comment_is_a_duplicate(string body)
    {
        _kit.History.Posted.Add(("client-a", "Great film!", ModerationTestKit.Now.UtcDateTime.AddMinutes(-1)));

        Assert.IsType<ModerationResult.Duplicate>(await _kit.ModerateAsync(body));
    }

    [Theory]
    [InlineData("Great film?")]
    [InlineData("Great films!")]
    [InlineData("Great film! [and more](https://example.com)")]
    public async Task What_reads_differently_is_not_a_duplicate(string body)
    {
        _kit.History.Posted.Add(("client-a", "Great film!", ModerationTestKit.Now.UtcDateTime.AddMinutes(-1)));

        Assert.IsType<ModerationResult.Accepted>(await _kit.ModerateAsync(body));
    }
}
