using System.Net.Sockets;
using System.Text;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Reliability;

/// <summary>Requests written byte by byte to the real server, as no HTTP client library would send them.</summary>
[Collection(LiveSiteCollection.Name)]
public sealed class RawRequestTests(LiveSite site)
{
    private async Task<string> SendAsync(string target, string host)
    {
        var address = new Uri(site.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/articles/will-there-be-a-purple-hearts-2")]
    [InlineData("/feed.xml")]
    public async Task A_host_with_an_invalid_international_name_is_a_400(string target)
    {
        var response = await SendAsync(target, "xn--");

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
    }

    // The in-memory test server decodes the target before the app sees it: these spellings need a real one.
    [Theory]
    [InlineData("/articles/will-there-be-a-purple-hearts-2?", "/articles/will-there-be-a-purple-hearts-2")]
    [InlineData("/articles/will-there-be-a-purple-hearts-%32", "/articles/will-there-be-a-purple-hearts-2")]
    [InlineData("/articles/will-there-be-a-purple-hearts-2?cpage=%32", "/articles/will-there-be-a-purple-hearts-2?cpage=2")]
    [InlineData("/%74ags", "/tags")]
    public async Task A_percent_encoded_or_empty_spelling_is_another_spelling_of_the_address(string target, string canonical)
    {
        var response = await SendAsync(target, new Uri(site.BaseUrl).Authority);

        Assert.StartsWith("HTTP/1.1 301", response, StringComparison.Ordinal);
        Assert.Contains($"Location: {canonical}\r\n", response, StringComparison.Ordinal);
    }
}
