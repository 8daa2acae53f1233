using System.Net;
using AngleSharp.Dom;
using MovieNews.IntegrationTests.Support;
using MovieNews.Web.Features.Discovery;

namespace MovieNews.IntegrationTests.Security;

/// <summary>No request header may change what another reader gets: absolute addresses come from the request's host
/// only when no public address is configured, and then every cached page is kept per host.</summary>
public sealed class HostHeaderTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    private static async Task<IDocument> GetAsync(HttpClient client, string url, string? host = null, string? forwardedHost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlClient.ParseAsync(response);
    }

    private static string[] AbsoluteAddresses(IDocument page) =>
    [
        page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!,
        page.QuerySelector("meta[property='og:url']")!.GetAttribute("content")!,
        page.QuerySelector("script[type='application/ld+json']")!.TextContent,
    ];

    [Fact]
    public async Task A_forged_host_only_reaches_the_request_that_sent_it()
    {
        var attacker = factory.CreateBrowserClient("192.0.2.170");
        var forged = await GetAsync(attacker, Article, host: "evil.example");

        var reader = await GetAsync(factory.CreateBrowserClient("192.0.2.171"), Article);

        Assert.Contains("http://evil.example/", forged.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.All(AbsoluteAddresses(reader), text => Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forwarded_host_header_is_never_believed()
    {
        var forged = await GetAsync(factory.CreateBrowserClient("192.0.2.172"), "/tags/romance", forwardedHost: "evil.example");
        var feed = await factory.CreateBrowserClient("192.0.2.173").GetStringAsync("/feed.xml");

        Assert.DoesNotContain("evil.example", forged.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_host_on_the_feed_does_not_reach_other_readers()
    {
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/feed.xml");
        forged.Headers.Host = "evil.example";
        await factory.CreateBrowserClient("192.0.2.174").SendAsync(forged);

        var feed = await factory.CreateBrowserClient("192.0.2.175").GetStringAsync("/feed.xml");

        Assert.DoesNotContain("evil.example", feed, StringComparison.Ordinal);
    }
}

/// <summary>With <c>Site:PublicUrl</c> set, absolute addresses never depend on the request, and one copy serves every host.</summary>
public sealed class PublicUrlTests(PublicUrlTests.PublicUrlFactory factory) : IClassFixture<PublicUrlTests.PublicUrlFactory>
{
    [Fact]
    public async Task Every_absolute_address_comes_from_the_configured_public_url_whatever_the_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/will-there-be-a-purple-hearts-2");
        request.Headers.Host = "evil.example";
        var forged = await factory.CreateBrowserClient("192.0.2.176").SendAsync(request);
        var body = await forged.Content.ReadAsStringAsync();

        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Contains("https://news.example.com/articles/will-there-be-a-purple-hearts-2", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_for_different_hosts_share_one_cached_copy()
    {
        using var first = new HttpRequestMessage(HttpMethod.Get, "/tags/romance");
        first.Headers.Host = "a.example";
        await factory.CreateBrowserClient("192.0.2.177").SendAsync(first);

        using var second = new HttpRequestMessage(HttpMethod.Get, "/tags/romance");
        second.Headers.Host = "b.example";
        var response = await factory.CreateBrowserClient("192.0.2.178").SendAsync(second);

        Assert.NotNull(response.Headers.Age);
    }

    public sealed class PublicUrlFactory : MovieNewsFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { [SiteUrls.Setting] = "https://news.example.com/" };
    }
}
