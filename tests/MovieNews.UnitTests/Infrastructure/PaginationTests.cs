using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class PaginationTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    public void Positive_whole_numbers_are_page_numbers(string? raw, int expected)
    {
        Assert.True(PageNumber.TryParse(raw, out var page));
        Assert.Equal(expected, page);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData(" 2")]
    [InlineData("+3")]
    [InlineData("99999999999999999999")]
    public void Anything_else_is_rejected(string raw) => Assert.False(PageNumber.TryParse(raw, out _));

    [Fact]
    public void Few_pages_are_all_listed() =>
        Assert.Equal([1, 2, 3, 4], new Pagination("/", 2, 4).Numbers());

    [Fact]
    public void Many_pages_show_the_ends_and_the_neighbours_with_gaps() =>
        Assert.Equal([1, null, 48, 49, 50, 51, 52, null, 100], new Pagination("/", 50, 100).Numbers());

    [Fact]
    public void The_first_page_links_to_the_base_path() =>
        Assert.Equal("/tags/movies", new Pagination("/tags/movies", 2, 3).UrlFor(1));

    [Fact]
    public void Later_pages_carry_a_page_query() =>
        Assert.Equal("/?page=3", new Pagination("/", 2, 3).UrlFor(3));
}
