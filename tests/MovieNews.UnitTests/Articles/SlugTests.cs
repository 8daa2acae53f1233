using MovieNews.Web.Features.Articles;

namespace MovieNews.UnitTests.Articles;

public sealed class SlugTests
{
    [Theory]
    [InlineData("purple-hearts-2")]
    [InlineData("a")]
    [InlineData("2024")]
    public void Lowercase_letters_digits_and_single_hyphens_are_valid(string slug) => Assert.True(Slug.IsValid(slug));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Purple-Hearts")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("space here")]
    [InlineData("under_score")]
    [InlineData("café")]
    [InlineData("../etc/passwd")]
    public void Anything_else_is_invalid(string? slug) => Assert.False(Slug.IsValid(slug));

    [Fact]
    public void A_slug_longer_than_the_maximum_is_invalid() => Assert.False(Slug.IsValid(new string('a', Slug.MaxLength + 1)));

    [Theory]
    [InlineData("Will there be a Purple Hearts 2? Here’s what we know", "will-there-be-a-purple-hearts-2-heres-what-we-know")]
    [InlineData("  Amélie & the Café  ", "amelie-the-cafe")]
    [InlineData("Don't Look Up", "dont-look-up")]
    [InlineData("!!!", "")]
    [InlineData("Sci-Fi", "sci-fi")]
    public void From_text_suggests_a_valid_slug(string text, string expected)
    {
        var slug = Slug.From(text);

        Assert.Equal(expected, slug);
        Assert.True(slug.Length == 0 || Slug.IsValid(slug));
    }

    [Fact]
    public void From_text_trims_long_titles_to_the_maximum_without_a_trailing_hyphen()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 60)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug));
    }
}
