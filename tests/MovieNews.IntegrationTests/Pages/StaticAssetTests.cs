using System.Net;
using System.Text.RegularExpressions;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

public sealed partial class StaticAssetTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    [Fact]
    public async Task The_stylesheet_is_fingerprinted_and_served_to_a_browser_asking_for_compression()
    {
        var html = await _client.GetStringAsync("/");
        var href = StylesheetHref().Match(html).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, href);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");

        var response = await _client.SendAsync(request);

        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, "the stylesheet came back empty");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetHref();
}
