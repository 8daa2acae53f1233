using MovieNews.Web.Features.Articles;

namespace MovieNews.UnitTests.Articles;

public sealed class ReadingTimeTests
{
    [Fact]
    public void Short_text_reads_in_one_minute() => Assert.Equal(1, ReadingTime.Minutes("just a few words"));

    [Fact]
    public void Empty_text_still_reads_in_one_minute() => Assert.Equal(1, ReadingTime.Minutes(""));

    [Fact]
    public void Minutes_round_up_at_the_reading_pace()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", ReadingTime.WordsPerMinute + 1));

        Assert.Equal(2, ReadingTime.Minutes(words));
    }
}
