using Microsoft.Extensions.Configuration;
using MovieNews.Web.Features.Discovery;

namespace MovieNews.UnitTests.Discovery;

public sealed class SiteUrlsTests
{
    private static SiteUrls With(string? publicUrl) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SiteUrls.Setting] = publicUrl }).Build());

    [Theory]
    [InlineData("news.example.com")]
    [InlineData("ftp://news.example.com")]
    [InlineData("https://news.example.com/?x=1")]
    [InlineData("https://user:pass@news.example.com")]
    [InlineData("/relative")]
    public void A_public_url_that_is_not_an_absolute_http_address_stops_the_start(string publicUrl) =>
        Assert.Contains(SiteUrls.Setting, Assert.Throws<InvalidOperationException>(() => With(publicUrl)).Message, StringComparison.Ordinal);

    [Fact]
    public void With_a_public_url_caches_keep_one_copy_whatever_the_host()
    {
        var urls = With("https://News.Example.com:8443/");

        Assert.False(urls.VaryCachesByHost);
        Assert.Equal("news.example.com:8443", urls.PublicAuthority);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Without_a_public_url_caches_are_kept_per_host(string? publicUrl)
    {
        var urls = With(publicUrl);

        Assert.True(urls.VaryCachesByHost);
        Assert.Null(urls.PublicAuthority);
    }
}
