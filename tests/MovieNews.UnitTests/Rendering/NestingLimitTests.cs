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

/// <summary>The linear look that refuses hostile nesting before Markdig spends most of a second on it.</summary>
public sealed class NestingLimitScanTests
{
    [Theory]
    [InlineData("> > > > quoted four deep")]
    [InlineData("- a\n  - b\n    - c\n      - d")]
    [InlineData("1. one\n2. two\n\n[link](https://example.com) and [another][ref]")]
    [InlineData("Arrays like [[1, 2], [3, [4, 5]]] are fine.")]
    [InlineData("\\[\\[\\[ escaped brackets are text")]
    [InlineData("1.5 million - not a list - and > not a quote")]
    public void Ordinary_markdown_is_not_refused(string markdown) => Assert.False(NestingLimit.IsExceeded(markdown));

    [Fact]
    public void Every_seed_article_and_golden_file_passes()
    {
        var root = FindRepository();
        var files = Directory.GetFiles(Path.Combine(root, "seeds", "articles"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(root, "tests", "MovieNews.UnitTests", "Rendering", "Golden"), "*.md"));

        Assert.All(files, file => Assert.False(NestingLimit.IsExceeded(File.ReadAllText(file)), file));
    }

    [Theory]
    [InlineData(65, "> ")]
    [InlineData(65, "- ")]
    [InlineData(65, "* ")]
    [InlineData(65, "+ ")]
    [InlineData(65, "1. ")]
    [InlineData(65, "12) ")]
    [InlineData(33, "> - ")]
    [InlineData(65, "[")]
    public void Nesting_past_the_limit_is_refused(int times, string piece) =>
        Assert.True(NestingLimit.IsExceeded(string.Concat(Enumerable.Repeat(piece, times)) + "x"));

    [Theory]
    [InlineData(64, "> ")]
    [InlineData(64, "[")]
    public void Nesting_up_to_the_limit_is_left_to_markdig(int times, string piece) =>
        Assert.False(NestingLimit.IsExceeded(string.Concat(Enumerable.Repeat(piece, times)) + "x"));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MovieNews.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MovieNews.sln not found above the test binaries.");
    }
}
