using MovieNews.UnitTests.Moderation;
using MovieNews.Web.Features.Moderation;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

/// <summary>Markdig refuses hostile nesting; that must reach users as a message about their text, never as a crash.</summary>
public sealed class NestingLimitTests
{
    private static readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> TooDeep() => new()
    {
        new string('[', 5000),
        new string('>', 5000),
        string.Concat(Enumerable.Repeat("1. ", 3000)),
        string.Concat(Enumerable.Repeat("> - ", 2000)) + "x",
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Articles_nested_too_deeply_are_refused_with_a_message(string markdown)
    {
        var refusal = Assert.Throws<MarkdownTooDeepException>(() => _renderer.RenderArticle(markdown));

        Assert.Equal(MarkdownTooDeepException.UserMessage, refusal.Message);
    }

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Comments_nested_too_deeply_are_refused_with_a_message(string markdown) =>
        Assert.Throws<MarkdownTooDeepException>(() => _renderer.RenderComment(markdown));

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Plain_text_of_text_nested_too_deeply_is_refused_with_a_message(string markdown) =>
        Assert.Throws<MarkdownTooDeepException>(() => _renderer.ToPlainText(markdown));

    [Theory]
    [MemberData(nameof(TooDeep))]
    public async Task A_comment_nested_too_deeply_is_a_field_error(string body)
    {
        var result = await new ModerationTestKit().ModerateAsync(body[..Math.Min(body.Length, CommentValidator.BodyMaxLength)]);

        var invalid = Assert.IsType<ModerationResult.Invalid>(result);
        Assert.Equal(MarkdownTooDeepException.UserMessage, invalid.Errors[CommentValidator.Fields.Body]);
    }

    [Fact]
    public void Nesting_within_the_limit_still_renders() =>
        Assert.Contains("<blockquote>", _renderer.RenderComment(new string('>', 20) + " deep but fine").Value, StringComparison.Ordinal);
}
