using AngleSharp;
using AngleSharp.Dom;

namespace MovieNews.IntegrationTests.Support;

public static class HtmlClient
{
    private static readonly IBrowsingContext _context = BrowsingContext.New(Configuration.Default);

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await ParseAsync(response));
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return await _context.OpenAsync(request => request.Content(body).Address(response.RequestMessage!.RequestUri!));
    }

    public static async Task<IDocument> GetOkPageAsync(this HttpClient client, string url)
    {
        var (response, document) = await client.GetPageAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}:\n{document.Body?.TextContent}");
        return document;
    }

    public static string[] Texts(this IDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToArray();
}
