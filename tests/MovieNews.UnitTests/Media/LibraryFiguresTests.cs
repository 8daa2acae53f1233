using AngleSharp.Html.Parser;
using MovieNews.Web.Features.Media;
using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Media;

public sealed class LibraryFiguresTests
{
    private const string Key = "0123456789abcdef0123456789abcdef";

    private static readonly PictureView _picture = new(
        1, "Library alt", null, "Photo: Netflix", 1600, 900, 0.5, 0.5,
        [
            new PictureFile($"/media/{Key}.webp", 960, 540, true),
            new PictureFile($"/media/{Key}.jpg", 960, 540, false),
        ],
        null);

    private static readonly Dictionary<string, PictureView> _pictures = new() { [$"{Key}.webp"] = _picture, [$"{Key}.jpg"] = _picture };

    private static AngleSharp.Dom.IElement Render(string markdown) =>
        new HtmlParser().ParseDocument(new MarkdownRenderer().RenderArticle(markdown, _pictures).Value).Body!;

    [Fact]
    public void A_library_picture_alone_in_its_paragraph_becomes_a_figure_with_caption_and_credit()
    {
        var body = Render($"![Typed alt](/media/{Key}.jpg \"The caption\")");

        var figure = Assert.Single(body.QuerySelectorAll("figure"));
        Assert.Equal($"/media/{Key}.webp 960w", figure.QuerySelector("picture source[type='image/webp']")!.GetAttribute("srcset"));
        var image = figure.QuerySelector("picture img")!;
        Assert.Equal(("Typed alt", "960", "540", "lazy"), (image.GetAttribute("alt"), image.GetAttribute("width"), image.GetAttribute("height"), image.GetAttribute("loading")));
        Assert.Equal("The captionPhoto: Netflix", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Null(body.QuerySelector("p"));
    }

    [Fact]
    public void A_library_picture_inside_a_sentence_stays_in_it()
    {
        var body = Render($"Before ![](/media/{Key}.jpg) after.");

        Assert.Empty(body.QuerySelectorAll("figure"));
        Assert.Equal("Library alt", body.QuerySelector("p picture img")!.GetAttribute("alt"));
    }

    [Fact]
    public void Outside_pictures_stay_plain_images()
    {
        var body = Render("![Poster](https://example.com/poster.jpg)");

        Assert.Empty(body.QuerySelectorAll("picture"));
        Assert.Equal("https://example.com/poster.jpg", body.QuerySelector("img")!.GetAttribute("src"));
    }

    [Theory]
    [InlineData("<img src=\"/x.jpg\" srcset=\"https://tracker.example/a.jpg 100w\">")]
    [InlineData("<picture><source srcset=\"javascript:alert(1)\"><img src=\"/x.jpg\"></picture>")]
    [InlineData("<img src=\"/x.jpg\" srcset=\"/media/../../secret 100w\">")]
    public void A_hand_written_srcset_survives_only_when_it_names_library_files(string html) =>
        Assert.Null(new HtmlParser().ParseDocument(new MarkdownRenderer().RenderArticle(html).Value).QuerySelector("[srcset]"));
}
