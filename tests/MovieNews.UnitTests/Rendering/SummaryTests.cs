using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

/// <summary>Automatic excerpts are sentences a reader can read, not every block of the article run together.</summary>
public sealed class SummaryTests
{
    private static readonly MarkdownRenderer _renderer = new();

    [Fact]
    public void Headings_list_items_table_cells_and_code_are_left_out_of_the_excerpt()
    {
        const string markdown = "## The cast\n\n- Sofia Carson\n- Nicholas Galitzine\n\n| Film | Year |\n|---|---|\n| Purple Hearts | 2022 |\n\n```\ncode()\n```\n\nA sequel is in talks.\n\n### Release\n\nNothing is dated yet.";

        Assert.Equal("A sequel is in talks. Nothing is dated yet.", _renderer.Summarise(markdown, 240));
    }

    [Fact]
    public void Typographic_quotes_and_dashes_survive_in_the_excerpt() =>
        Assert.Equal("What we know – and “what” we don’t…", _renderer.Summarise("What we know -- and \"what\" we don’t...", 240));

    [Fact]
    public void Links_and_emphasis_keep_their_words() =>
        Assert.Equal("Watch the trailer on Netflix now.", _renderer.Summarise("Watch *the* [trailer](https://example.com) on **Netflix** now.", 240));

    [Fact]
    public void A_long_excerpt_is_cut_at_a_word_with_an_ellipsis()
    {
        var summary = _renderer.Summarise(string.Join(' ', Enumerable.Repeat("word", 100)), 30);

        Assert.Equal("word word word word word word…", summary);
    }

    [Fact]
    public void An_article_without_paragraphs_keeps_its_blocks_apart() =>
        Assert.Equal("Cast · Sofia · Nicholas", _renderer.Summarise("# Cast\n\n- Sofia\n- Nicholas", 240));

    [Fact]
    public void Quoted_paragraphs_count_as_sentences() =>
        Assert.Equal("Intro. It was fun to make.", _renderer.Summarise("Intro.\n\n> It was fun to make.", 240));

    [Fact]
    public void A_pictures_alt_text_is_left_out_of_the_excerpt() =>
        Assert.Equal("Text. More.", _renderer.Summarise("Text.\n\n![A poster with \"quotes\"](/media/0123456789abcdef0123456789abcdef.jpg \"Caption\")\n\nMore.", 240));
}
