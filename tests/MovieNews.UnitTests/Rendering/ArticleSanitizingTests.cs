using MovieNews.Web.Features.Rendering;

namespace MovieNews.UnitTests.Rendering;

public sealed class ArticleSanitizingTests
{
    private static readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<body onload=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java\tscript:alert(1)\">x</a>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](<javascript:alert(1)>)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    [InlineData("<object data=\"javascript:alert(1)\"></object>")]
    [InlineData("<embed src=\"javascript:alert(1)\">")]
    [InlineData("<form action=\"javascript:alert(1)\"><button>x</button></form>")]
    [InlineData("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">")]
    [InlineData("<base href=\"javascript:alert(1)//\">")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">")]
    [InlineData("<style>@import 'https://evil.example/x.css';</style>")]
    public void Executable_constructs_never_survive_article_rendering(string markdown)
    {
        var html = _renderer.RenderArticle(markdown).Value;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]+\son[a-z]+\s*=", html);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<object", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<meta", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<base", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Inline_styles_keep_only_text_alignment()
    {
        var html = _renderer.RenderArticle("<p style=\"text-align:center;position:fixed\">x</p>").Value.Trim();

        Assert.Equal("<p style=\"text-align: center\">x</p>", html);
    }

    [Fact]
    public void Script_and_style_content_vanishes_with_the_element()
    {
        var html = _renderer.RenderArticle("<script>alert('x')</script>\n\n<style>p{}</style>\n\nkept").Value;

        Assert.DoesNotContain("alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("p{}", html, StringComparison.Ordinal);
        Assert.Contains("kept", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_links_and_images_are_kept()
    {
        var html = _renderer.RenderArticle("[site](https://example.com) ![poster](https://example.com/p.jpg)").Value;

        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://example.com/p.jpg\"", html, StringComparison.Ordinal);
    }
}
