using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>Trailers on the article page: a player to load on click, nothing from the video site before that.</summary>
public sealed class VideoEmbedPageTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    [Fact]
    public async Task A_trailer_line_renders_a_player_link_and_the_page_loads_nothing_from_the_video_site()
    {
        await factory.CreatePublishedArticleAsync("with-trailer", "The first trailer is out.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\nMore soon.");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/with-trailer");
        var sources = page.QuerySelectorAll("[src], [srcset], link[href], iframe, object, embed")
            .SelectMany(e => new[] { e.GetAttribute("src"), e.GetAttribute("srcset"), e.LocalName == "link" ? e.GetAttribute("href") : null })
            .OfType<string>()
            .ToList();

        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", page.QuerySelector(".article-body a.video-play")!.GetAttribute("data-embed"));
        Assert.Equal("https://www.youtube.com/watch?v=dQw4w9WgXcQ", page.QuerySelector(".article-body a.video-play")!.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll("iframe"));
        Assert.DoesNotContain(sources, s => s.Contains("youtube", StringComparison.OrdinalIgnoreCase) || s.Contains("vimeo", StringComparison.OrdinalIgnoreCase) || s.Contains("ytimg", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(page.QuerySelector("script[src*='/js/video-embed']"));
    }

    [Fact]
    public async Task An_article_without_a_trailer_does_not_load_the_player_script()
    {
        await factory.CreatePublishedArticleAsync("no-trailer", "Words only, and a link to https://www.youtube.com/watch?v=dQw4w9WgXcQ inside a sentence.");

        var page = await factory.CreateBrowserClient().GetOkPageAsync("/articles/no-trailer");

        Assert.Null(page.QuerySelector("script[src*='/js/video-embed']"));
        Assert.Null(page.QuerySelector(".video-embed"));
    }

    [Fact]
    public async Task The_content_security_policy_allows_frames_from_the_two_players_and_nothing_else()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var frameSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("frame-src ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("frame-src https://www.youtube-nocookie.com https://player.vimeo.com", frameSrc);
        Assert.DoesNotContain("child-src", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
    }
}
