using System.Net;
using System.Text;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Reliability;

/// <summary>Requests no browser sends but anyone can: each is answered with a 4xx and a page, never a 500.</summary>
public sealed class HostileRequestTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private const string Article = "/articles/will-there-be-a-purple-hearts-2";

    // "Host: xn--" cannot even pass the in-memory test server: the browser tests send it over a socket.
    [Theory]
    [InlineData("a:99999", Article)]
    [InlineData("a:99999", "/sitemap.xml")]
    [InlineData("a..b", Article)]
    public async Task A_host_that_makes_no_valid_address_is_a_400(string host, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Host", host);

        var response = await factory.CreateBrowserClient("192.0.2.200").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Host", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_in_a_charset_dotnet_refuses_to_decode_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Article)
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("Input.Name=A&Input.Body=B")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");

        var refused = await factory.CreateBrowserClient("192.0.2.202").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task A_multipart_form_cut_short_is_a_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Article)
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("--x\r\nContent-Disposition: form-data; name=\"Input.Body\"\r\n\r\nhi")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");

        var response = await factory.CreateBrowserClient("192.0.2.203").SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_before_its_body_is_read()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Article)
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("Input.Body=x")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await factory.CreateBrowserClient("192.0.2.204").SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
