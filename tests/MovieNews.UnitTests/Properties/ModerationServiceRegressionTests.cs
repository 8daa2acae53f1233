using MovieNews.UnitTests.Moderation;
using MovieNews.Web.Features.Moderation;

namespace MovieNews.UnitTests.Properties;

/// <summary>Counterexamples the moderation properties and the comment fuzzer found, kept as plain tests.</summary>
public sealed class ModerationServiceRegressionTests
{
    [Fact]
    public async Task A_comment_holding_U_FFFE_is_moderated_instead_of_throwing()
    {
        var comment = await new ModerationTestKit().AcceptedAsync(body: "Nice \uFFFE film", name: "Rea\uFFFEder");

        Assert.Equal("Nice \uFFFD film", comment.BodyMarkdown);
        Assert.Equal("Rea\uFFFDder", comment.Name);
    }

    [Fact]
    public async Task A_blocked_word_holding_U_FFFE_does_not_break_moderation_of_every_comment()
    {
        var kit = new ModerationTestKit();
        kit.Options.BlockedWords = ["casino\uFFFE"];

        var comment = await kit.AcceptedAsync(body: "Best casino in town");

        Assert.Contains(ModerationReasons.BlockedWords(["casino"]), comment.Reasons);
    }

    [Fact]
    public async Task A_name_of_Hangul_fillers_only_is_refused_as_missing()
    {
        var result = await new ModerationTestKit().ModerateAsync(name: "\u3164\u3164");

        Assert.Equal("Please enter your name.", Assert.IsType<ModerationResult.Invalid>(result).Errors[CommentValidator.Fields.Name]);
    }
}
