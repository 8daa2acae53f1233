using MovieNews.Web.Infrastructure;

namespace MovieNews.UnitTests.Infrastructure;

public sealed class CompactMarkupTests
{
    [Fact]
    public void Indentation_after_a_line_break_is_dropped_and_the_break_kept()
    {
        Assert.Equal("<li>\n<article>\n</article>", CompactMarkup.Compact("<li>\n            <article>\r\n\t\t</article>"));
    }

    [Fact]
    public void A_run_of_spaces_on_one_line_becomes_one_space()
    {
        Assert.Equal("Reader 1 </span>", CompactMarkup.Compact("Reader 1                    </span>"));
    }

    [Fact]
    public void Single_spaces_between_words_and_attributes_are_kept_as_they_are()
    {
        const string Text = "<a class=\"x\" href=\"#y\"> to </a>";

        Assert.Same(Text, CompactMarkup.Compact(Text));
    }

    [Fact]
    public void A_lone_tab_or_line_break_is_kept_as_one_whitespace_character()
    {
        Assert.Equal("a b\nc", CompactMarkup.Compact("a\tb\r\nc"));
    }

    [Fact]
    public void The_same_literal_gives_the_same_compacted_string()
    {
        var literal = "<p>\n        text</p>";

        Assert.Same(CompactMarkup.Of(literal), CompactMarkup.Of(literal));
    }
}
