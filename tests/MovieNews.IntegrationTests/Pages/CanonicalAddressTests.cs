using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

/// <summary>
/// Every reader page has one address. Any other spelling is redirected permanently before a cache is asked, so
/// no spelling is ever answered with a page, and only the canonical address is cached.
/// </summary>
public sealed class CanonicalAddressTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    private readonly HttpClient _client = factory.CreateBrowserClient("192.0.2.160");

    [Theory]
    [InlineData(Article + "/", Article)]
    [InlineData("/ARTICLES/Will-There-Be-A-Purple-Hearts-2", Article)]
    [InlineData(Article + "?cpage=1", Article)]
    [InlineData(Article + "?cpage=01", Article)]
    [InlineData(Article + "?cpage=", Article)]
    [InlineData(Article + "?cpage=002&x=1", Article + "?cpage=2")]
    [InlineData(Article + "?CPAGE=2", Article + "?cpage=2")]
    [InlineData(Article + "?cpage=2&cpage=3", Article + "?cpage=2")]
    [InlineData(Article + "?utm_source=newsletter", Article)]
    [InlineData(Article + "?replyto=5&cpage=2", Article + "?cpage=2&replyto=5")]
    [InlineData("/?page=1", "/")]
    [InlineData("/?page=0002", "/?page=2")]
    [InlineData("/index", "/")]
    [InlineData("/Index?page=2", "/?page=2")]
    [InlineData("/tags/", "/tags")]
    [InlineData("/Tags", "/tags")]
    [InlineData("/tags/romance/", "/tags/romance")]
    [InlineData("/tags/Romance?page=1&x=y", "/tags/romance")]
    [InlineData("/search?q=hearts&page=1", "/search?q=hearts")]
    [InlineData("/search?q=purple+hearts&ref=nav", "/search?q=purple%20hearts")]
    [InlineData("/feed.xml?x=1", "/feed.xml")]
    [InlineData(Article + "?replyto=", Article)]
    [InlineData(Article + "?replyto=abc", Article)]
    [InlineData(Article + "?replyto=007", Article + "?replyto=7")]
    [InlineData("/Tags/%C3%A9", "/tags/%C3%A9")]
    [InlineData("/Articles/a%0d%0aSet-Cookie:x=1", "/articles/a%0D%0Aset-cookie:x=1")]
    [InlineData("/Articles/a%20b", "/articles/a%20b")]
    [InlineData("/sitemap.xml/", "/sitemap.xml")]
    public async Task Another_spelling_of_an_address_redirects_permanently_to_the_canonical_one(string variant, string canonical)
    {
        var response = await _client.GetAsync(variant);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(Article)]
    [InlineData(Article + "?replyto=1")]
    [InlineData("/")]
    [InlineData("/tags")]
    [InlineData("/tags/romance")]
    [InlineData("/search?q=purple+hearts")]
    [InlineData("/feed.xml")]
    public async Task The_canonical_address_is_answered_without_a_redirect(string canonical)
    {
        var response = await _client.GetAsync(canonical);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Following_a_variant_lands_on_the_cached_canonical_page()
    {
        await _client.GetAsync("/tags/romance");

        var redirected = await _client.GetAsync("/Tags/Romance/?page=01");
        var landed = await _client.GetAsync(redirected.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.NotNull(landed.Headers.Age);
    }

    [Fact]
    public async Task A_slug_that_is_really_called_index_is_not_mistaken_for_an_alias()
    {
        var response = await _client.GetAsync("/articles/index");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bad_page_numbers_are_still_refused_after_the_redirect()
    {
        var redirected = await _client.GetAsync("/?page=abc&x=1");
        var refused = await _client.GetAsync(redirected.Headers.Location!.OriginalString);

        Assert.Equal("/?page=abc", redirected.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
