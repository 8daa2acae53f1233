using MovieNews.Web.Features.Comments;

namespace MovieNews.UnitTests.Comments;

public sealed class AvatarTests
{
    [Fact]
    public void The_same_hash_draws_the_same_avatar() =>
        Assert.Equal(Avatar.From([1, 2, 3, 4, 5, 6]).Markup, Avatar.From([1, 2, 3, 4, 5, 6]).Markup);

    [Fact]
    public void Another_hash_draws_another_avatar() =>
        Assert.NotEqual(Avatar.From([1, 2, 3, 4, 5]).Markup, Avatar.From([9, 2, 3, 4, 5]).Markup);

    [Fact]
    public void The_pattern_is_mirrored_left_to_right()
    {
        // Only the first cell of the first row is set: its mirror image is the last cell of that row.
        var svg = Avatar.From([0, 0, 0, 0, 1]).Markup;

        Assert.Contains("M0 0h1v1h-1zM4 0h1v1h-1z\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void An_avatar_is_an_svg_hidden_from_screen_readers()
    {
        var svg = Avatar.From([7, 7, 7, 7, 7]).Markup;

        Assert.StartsWith("<svg class=\"avatar\"", svg, StringComparison.Ordinal);
        Assert.Contains("aria-hidden=\"true\"", svg, StringComparison.Ordinal);
    }
}
