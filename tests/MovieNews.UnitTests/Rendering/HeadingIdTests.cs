using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

public sealed class HeadingIdTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("## Comments", "section-comments")]
    [InlineData("## Respond", "section-respond")]
    [InlineData("## Main", "section-main")]
    [InlineData("## Comment 12", "section-comment-12")]
    [InlineData("## Comment 12 author", "section-comment-12-author")]
    public void A_heading_named_like_an_id_of_the_article_page_gets_an_id_of_its_own(string markdown, string id) =>
        Assert.Contains($"id=\"{id}\"", _renderer.RenderArticle(markdown).Value, StringComparison.Ordinal);

    [Fact]
    public void The_new_id_does_not_take_another_headings()
    {
        var html = _renderer.RenderArticle("## Section comments\n\n## Comments").Value;

        Assert.Contains("id=\"section-comments\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"section-comments-2\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Cast", "cast")]
    [InlineData("## Commentary", "commentary")]
    [InlineData("## Comment sections", "comment-sections")]
    public void Other_headings_keep_the_id_of_their_text(string markdown, string id) =>
        Assert.Contains($"id=\"{id}\"", _renderer.RenderArticle(markdown).Value, StringComparison.Ordinal);
}
