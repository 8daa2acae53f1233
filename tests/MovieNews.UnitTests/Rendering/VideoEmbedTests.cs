using AngleSharp.Html.Parser;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

public sealed class VideoEmbedTests
{
    private static readonly MarkdownRenderer _renderer = new();

    private static AngleSharp.Dom.IElement Render(string markdown) =>
        new HtmlParser().ParseDocument($"<body>{_renderer.RenderArticle(markdown).Value}</body>").Body!;

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://youtube.com/watch?v=dQw4w9WgXcQ&t=42s")]
    [InlineData("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/shorts/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/embed/dQw4w9WgXcQ")]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void A_YouTube_address_on_its_own_line_becomes_a_player_loading_from_youtube_nocookie_on_click(string address)
    {
        var body = Render($"The trailer:\n\n{address}\n\nMore text.");
        var play = body.QuerySelector("figure.video-embed a.video-play")!;

        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", play.GetAttribute("href"));
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", play.GetAttribute("data-embed"));
        Assert.Empty(body.QuerySelectorAll("iframe, img, script"));
        Assert.Contains("Play the video on YouTube", play.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://vimeo.com/76979871")]
    [InlineData("https://player.vimeo.com/video/76979871")]
    public void A_Vimeo_address_becomes_a_player_with_do_not_track(string address)
    {
        var play = Render(address).QuerySelector("a.video-play")!;

        Assert.Equal("https://vimeo.com/76979871", play.GetAttribute("href"));
        Assert.Equal("https://player.vimeo.com/video/76979871?autoplay=1&dnt=1", play.GetAttribute("data-embed"));
    }

    [Theory]
    [InlineData("Watch https://www.youtube.com/watch?v=dQw4w9WgXcQ today")]
    [InlineData("[the trailer](https://www.youtube.com/watch?v=dQw4w9WgXcQ)")]
    [InlineData("- https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("> https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void An_address_inside_a_sentence_a_list_or_under_other_words_stays_a_link(string markdown)
    {
        var body = Render(markdown);

        Assert.Null(body.QuerySelector(".video-embed"));
        Assert.NotNull(body.QuerySelector("a[href*='youtube.com']"));
    }

    [Theory]
    [InlineData("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://evil.example/?https://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXc\"onclick=alert(1)")]
    [InlineData("https://www.youtube.com/watch?v=short")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ%0A")]
    [InlineData("https://vimeo.com/76979871%0A")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ%22%3E%3Cscript%3E")]
    [InlineData("https://user@www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/12ab")]
    [InlineData("https://vimeo.com/channels/staffpicks/76979871")]
    [InlineData("javascript:alert('youtube.com')")]
    [InlineData("ftp://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    public void Other_hosts_and_malformed_ids_never_become_players(string address)
    {
        Assert.Null(VideoEmbeds.Recognise(address));
        Assert.Null(Render(address).QuerySelector(".video-embed"));
    }

    [Fact]
    public void Raw_HTML_that_imitates_the_player_is_stripped_by_the_sanitizer_before_players_are_made()
    {
        var body = Render("<figure class=\"video-embed\"><a class=\"video-play\" href=\"https://evil.example\" data-embed=\"https://evil.example/frame\">Play</a></figure>");

        Assert.Null(body.QuerySelector("[data-embed]"));
    }

    [Fact]
    public void Two_videos_on_their_own_lines_become_two_players()
    {
        var body = Render("https://youtu.be/dQw4w9WgXcQ\n\nhttps://vimeo.com/76979871");

        Assert.Equal(2, body.QuerySelectorAll("a.video-play").Length);
    }
}
