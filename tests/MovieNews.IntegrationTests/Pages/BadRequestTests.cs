using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Pages;

public sealed class BadRequestTests(MovieNewsFactory factory) : IClassFixture<MovieNewsFactory>
{
    private readonly HttpClient _client = factory.CreateBrowserClient();

    public static TheoryData<string, string, HttpStatusCode> BadPages() => new()
    {
        { "/", "0", HttpStatusCode.BadRequest },
        { "/", "-1", HttpStatusCode.BadRequest },
        { "/", "abc", HttpStatusCode.BadRequest },
        { "/", "2147483648", HttpStatusCode.BadRequest },
        { "/", "2147483647", HttpStatusCode.NotFound },
        { "/", "999999", HttpStatusCode.NotFound },
        { "/", "3", HttpStatusCode.NotFound },
        { "/tags/movies", "0", HttpStatusCode.BadRequest },
        { "/tags/movies", "abc", HttpStatusCode.BadRequest },
        { "/tags/movies", "999999", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public async Task Bad_page_values_answer_400_or_404_with_a_readable_page(string path, string page, HttpStatusCode expected)
    {
        var (response, document) = await _client.GetPageAsync($"{path}?page={Uri.EscapeDataString(page)}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(document.QuerySelector("main h1"));
    }

    [Theory]
    [InlineData("/no/such/page")]
    [InlineData("/articles")]
    [InlineData("/status/200")]
    public async Task Unknown_addresses_answer_a_friendly_404(string url)
    {
        var (response, document) = await _client.GetPageAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", document.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_unhandled_error_shows_a_generic_page_with_a_reference_and_no_details()
    {
        var (response, document) = await _client.GetPageAsync(ThrowingEndpointStartupFilter.Path);
        var body = document.Body!.TextContent;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Something went wrong", document.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(document.QuerySelector("main code")!.TextContent);
        Assert.DoesNotContain("Secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }
}
